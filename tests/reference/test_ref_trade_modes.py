"""Enterprise types and trade-mode groups, cross-checked with China customs code tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tradestats.errors import UsageError
from tradestats.records import EnterpriseType
from tradestats.reference import load_reference


def _cus_trade(shared_data: Path) -> dict[str, str]:
    path = shared_data / "china_customs_code_tables" / "CusTrade.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    return {r["TRADE_MODE"]: r["ABBR_TRADE"] for r in rows}


def test_enterprise_types_match_records() -> None:
    types = load_reference().enterprise_types
    assert sorted(types) == sorted(EnterpriseType.values())
    assert types["private"].title_zh == "民营企业"
    assert types["foreign_invested"].title_zh == "外商投资企业"


def test_groups_and_lookup() -> None:
    ref = load_reference()
    assert set(ref.trade_mode_groups) == {
        "general_trade",
        "processing_trade",
        "bonded_logistics",
        "other",
    }
    assert ref.trade_mode_group("general trade").codes == {"0110"}
    assert {"0214", "0615", "0654", "0715", "0444", "0445", "0844", "0845"} <= (
        ref.trade_mode_group("processing_trade").codes
    )
    assert {"1210", "1233", "1234", "5034", "6033"} <= ref.trade_mode_group("保税物流").codes
    assert ref.trade_mode_group_of("0615") == "processing_trade"
    assert ref.trade_mode_group_of("9610") == "other"
    assert ref.trade_mode_group_of("1234") == "bonded_logistics"
    with pytest.raises(UsageError, match="processing_trade"):
        ref.trade_mode_group("processing")


def test_codes_exist_in_customs_table(shared_data: Path) -> None:
    table = _cus_trade(shared_data)
    for group in load_reference().trade_mode_groups.values():
        assert group.codes <= set(table), (group.name, sorted(group.codes - set(table)))


def test_codes_are_of_their_kind(shared_data: Path) -> None:
    table = _cus_trade(shared_data)
    groups = load_reference().trade_mode_groups
    assert table["0110"] == groups["general_trade"].title_zh
    for code in groups["processing_trade"].codes:
        assert any(w in table[code] for w in ("来料", "进料", "保区")), (code, table[code])
    for code in groups["bonded_logistics"].codes:
        assert any(w in table[code] for w in ("保税", "仓储", "物流")), (code, table[code])


def test_every_customs_code_lands_in_one_group(shared_data: Path) -> None:
    ref = load_reference()
    listed = [c for g in ref.trade_mode_groups.values() for c in g.codes]
    assert len(listed) == len(set(listed))
    for code in _cus_trade(shared_data):
        assert ref.trade_mode_group_of(code) in ref.trade_mode_groups
