"""Calibrated synthetic customs microdata: declaration lines that reproduce published totals.

Real declaration-level data is confidential; these records are synthetic, with realistic
structure (HS2022 lines, ~250 partners, a firm population, trade modes, provinces, brands) and
values raked so that every figure of a targets file holds at its published precision.

Example:
    >>> from tradestats.synth import generate, load_targets
    >>> load_targets().target("exports").value
    Decimal('26.99')
    >>> result = generate(20_000, seed=1, out="synth-out")  # doctest: +SKIP
"""

from __future__ import annotations

from tradestats.synth.claims import Check
from tradestats.synth.generate import SynthResult, generate
from tradestats.synth.targets import Target, Targets, load_targets

__all__ = ["Check", "SynthResult", "Target", "Targets", "generate", "load_targets"]
