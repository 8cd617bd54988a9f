"""Inconsistent targets are reported with the names of the targets that conflict."""

from __future__ import annotations

from importlib import resources

import pytest

from tradestats.errors import UsageError
from tradestats.synth import generate
from tradestats.synth.targets import parse_targets

DEFAULT = (resources.files("tradestats.synth") / "targets" / "china-2025.yaml").read_text()


def _edit(old: str, new: str) -> str:
    assert old in DEFAULT
    return DEFAULT.replace(old, new, 1)


def _message(text: str) -> str:
    with pytest.raises(UsageError) as err:
        generate(5_000, targets=parse_targets(text), out="unused-never-written")
    return str(err.value)


def test_part_larger_than_whole() -> None:
    msg = _message(_edit("    value: 7.55\n", "    value: 30.55\n"))
    assert "asean 2025" in msg and "bri 2025" in msg and "larger by" in msg


def test_growth_no_allocation_can_meet() -> None:
    # ASEAN falling 80 % would need a 2024 ASEAN level above all Belt and Road trade
    msg = _message(_edit("    value: 7.55\n    growth: 8\n", "    value: 7.55\n    growth: -80\n"))
    assert "asean 2024" in msg and "bri 2024" in msg


def test_share_contradicting_values() -> None:
    msg = _message(_edit("share: {of: total, value: 57.3}", "share: {of: total, value: 60.1}"))
    assert "private share of total" in msg and "60.1" in msg


def test_disjoint_parts_exceed_whole() -> None:
    text = _edit(
        "assumed: {share: {of: total, value: 28.0, base: 29.0}}",
        "assumed: {share: {of: total, value: 38.0, base: 29.0}}",
    )
    msg = _message(text)
    assert "foreign_invested 2025" in msg and "private 2025" in msg and "total 2025" in msg


def test_negative_residual_quarter() -> None:
    msg = _message(
        _edit(
            "assumed: {growth: 2.6, share: {of: imports, base: 25.2}}",
            "assumed: {growth: 2.6, share: {of: imports, base: 55.2}}",
        )
    )
    assert "imports_q4 2024" in msg and "negative" in msg


def test_unknown_group() -> None:
    with pytest.raises(UsageError, match="aesan"):
        generate(
            5_000, targets=parse_targets(_edit("partner_group: asean", "partner_group: aesan"))
        )


def test_all_conflicts_listed_together() -> None:
    text = _edit("    value: 7.55\n", "    value: 30.55\n")
    text = text.replace("share: {of: total, value: 57.3}", "share: {of: total, value: 60.1}")
    msg = _message(text)
    assert "asean 2025" in msg and "private share" in msg
