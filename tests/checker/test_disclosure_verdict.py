"""A claim about a figure the store's disclosure policy withholds cannot be checked: it is
never judged against the hidden value. January 2025 exports, by hand: South Korea 937.00 yuan
(E7's 900.00 is 96 % of it: over the (1, 85) dominance rule), Vietnam 685.25 (five firms, the
two largest 80 %), all partners 2,872.75."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradestats.checker import check
from tradestats.checker.verify import CONFIDENTIAL
from tradestats.disclosure import Policy, save_policy
from tradestats.ingest import ingest_files
from tradestats.store import Store

from helpers import row, write_csv

LINES = [("KOR", "E7", "900.00"), ("KOR", "E8", "10.00"), ("KOR", "E1", "15.00"),
         ("KOR", "E2", "12.00"), ("VNM", "E2", "400.00"), ("VNM", "E3", "150.00"),
         ("VNM", "E6", "60.00"), ("VNM", "E4", "45.25"), ("VNM", "E5", "30.00"),
         ("USA", "E1", "1250.50")]  # fmt: skip
TEXT = (
    "date 2025-02-20\nIn January 2025, exports to South Korea were 937 yuan. Exports to "
    "Vietnam were 685.25 yuan. Total exports were 2872.75 yuan."
)


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    rows = [row(partner=p, enterprise_id=e, value_cny=v) for p, e, v in LINES]
    ingest_files(tmp_path / "store", [write_csv(tmp_path / "jan.csv", rows)])
    return tmp_path / "store"


def _verdicts(store: Path) -> list[tuple[str, str, str]]:
    return [(c.text, c.verdict.value, c.reason) for c in check(TEXT, store=store).claims]


def test_without_a_policy_every_figure_is_checked(store: Path) -> None:
    assert [v for _, v, _ in _verdicts(store)] == ["supported"] * 3


def test_a_confidential_figure_cannot_be_checked(store: Path) -> None:
    save_policy(Store(store), Policy(), note="defaults")
    got = _verdicts(store)
    assert got[0] == ("937 yuan", "unverifiable", CONFIDENTIAL)
    assert [v for _, v, _ in got[1:]] == ["supported", "supported"]
