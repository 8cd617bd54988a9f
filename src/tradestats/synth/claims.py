"""The published figures of a targets file, checked against levels at published precision.

The same checks run on the resolved targets (are the published figures consistent with one
another?), on the calibrated cells, and in tests on levels computed from the written files.

Example:
    >>> from tradestats.synth.targets import load_targets
    >>> t = load_targets()
    >>> checks = check_claims(t, lambda tid, year: t.target(tid).level[year])
    >>> all(c.ok for c in checks), len(checks) > 20
    (True, True)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from tradestats.synth.targets import TRILLION, Target, Targets, half_unit

Levels = Callable[[str, int], float]  # (target id, year) -> level in yuan


@dataclass(frozen=True)
class Check:
    """One published figure beside the value computed from levels."""

    target: str
    what: str
    published: str
    computed: float
    ok: bool

    def line(self) -> str:
        """A one-line description, e.g. ``exports growth: published 6.1, computed 6.127``."""
        mark = "ok" if self.ok else "MISSED"
        shown = f"published {self.published}, computed {self.computed:.4f}"
        return f"{self.target} {self.what}: {shown} ({mark})"


def _near(published: Decimal, computed: float) -> bool:
    return abs(computed - float(published)) <= half_unit(published) + 1e-9


def _share(levels: Levels, tid: str, of: str, year: int) -> float:
    return levels(tid, year) / levels(of, year) * 100


def _growth(levels: Levels, tid: str) -> float:
    base = levels(tid, 2024)
    return float("nan") if base == 0 else (levels(tid, 2025) / base - 1) * 100


def target_checks(t: Target, levels: Levels) -> list[Check]:
    """Checks for every figure the article publishes about target ``t``."""
    out = []
    if t.value is not None:
        value = levels(t.id, 2025) / TRILLION
        out.append(Check(t.id, "2025 value", str(t.value), value, _near(t.value, value)))
    if t.growth is not None:
        g = _growth(levels, t.id)
        out.append(Check(t.id, "growth %", str(t.growth), g, _near(t.growth, g)))
    if t.share is not None:
        s = _share(levels, t.id, t.share.of, 2025)
        what = f"share of {t.share.of} %"
        out.append(Check(t.id, what, str(t.share.value), s, _near(t.share.value, s)))
    if t.share_change is not None:
        of = t.share_change.of
        pp = _share(levels, t.id, of, 2025) - _share(levels, t.id, of, 2024)
        what = f"share of {of} change pp"
        ok = _near(t.share_change.value, pp)
        out.append(Check(t.id, what, str(t.share_change.value), pp, ok))
    if t.growth_sign is not None:
        g = _growth(levels, t.id)
        ok = g > 0 if t.growth_sign == "positive" else g < 0
        out.append(Check(t.id, "growth sign", t.growth_sign, g, ok))
    return out


def check_claims(targets: Targets, levels: Levels) -> list[Check]:
    """Checks for every published figure of every target."""
    return [c for t in targets.targets for c in target_checks(t, levels)]


def count_check(targets: Targets, kind: str, computed: int) -> Check | None:
    """The 'over N' claim of this kind checked against a computed count (None if unclaimed)."""
    claim = targets.count(kind)
    if claim is None:
        return None
    return Check(
        claim.id, "count", f"over {claim.more_than:,}", computed, computed > claim.more_than
    )
