"""The one door (``disclosure.answer``): a query's answer under the store's policy.

The store is the one of ``test_store``: partner x chapter, January 2025, exports. By hand,
with the default policy (fewer than 3 enterprises; (1, 85), (2, 90)): KOR x 85 has one firm
(E7), USA x 01 two (E4, E5), VNM x 85 two (E2, E3): primary. KOR x 01 (E8, E1, E2: 10, 15, 12)
and VNM x 01 (E6, E4, E5) pass the rules; USA x 85 (E1, E2, E3) too.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from test_store import LINES

from tradestats.disclosure import Policy, save_policy
from tradestats.disclosure.answer import CACHE, provenance
from tradestats.engine import Engine
from tradestats.ingest import ingest_files

from helpers import row, write_csv


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    rows = [
        row(partner=p, hs_code=hs, enterprise_id=e, value_cny=v, trade_mode=f"0{i:03d}")
        for i, (p, hs, e, v) in enumerate(LINES)
    ]
    ingest_files(tmp_path / "store", [write_csv(tmp_path / "jan.csv", rows)])
    return tmp_path / "store"


def _by_key(table, keys):  # type: ignore[no-untyped-def]
    return {tuple(r[k] for k in keys): r for r in table.to_pylist()}


def test_a_store_without_a_policy_file_is_answered_unchanged(store: Path) -> None:
    eng = Engine(store)
    q = {"period": "2025-01", "flow": "export", "by": "partner,hs2"}
    assert eng.answer(**q) == eng.query(**q)
    assert provenance(eng) == "none"


def test_suppressed_rows_are_null_with_flag_c_and_the_rest_true(store: Path) -> None:
    eng = Engine(store)
    save_policy(eng.store, Policy(), note="defaults")
    got = eng.answer(
        period="2025-01", flow="export", by="partner,hs2", measures="value_cny,share_pct,rank"
    )
    rows = _by_key(got, ["partner", "hs2"])
    primary = {("KOR", "85"), ("USA", "01"), ("VNM", "85")}
    flagged = {k for k, r in rows.items() if r["flag"] == "c"}
    assert primary <= flagged and len(flagged) < len(rows)
    for k in flagged:
        assert rows[k]["value_cny"] is None and rows[k]["share_pct"] is None
        assert rows[k]["rank"] is None
    for k in set(rows) - flagged:  # published cells keep their true values
        want = sum(Decimal(v) for p, hs, _, v in LINES if (p, hs[:2]) == k)
        assert rows[k]["value_cny"] == want and rows[k]["flag"] == ""
    assert provenance(eng).startswith("policy 1")


def test_totals_stay_true_and_a_filtered_one_firm_figure_is_confidential(store: Path) -> None:
    eng = Engine(store)
    save_policy(eng.store, Policy(), note="defaults")
    total = eng.answer(period="2025-01", flow="export").to_pylist()[0]
    assert total == {"value_cny": sum(Decimal(v) for *_, v in LINES), "flag": ""}
    one = eng.answer(period="2025-01", flow="export", partner="KOR", product="85").to_pylist()
    assert one == [{"value_cny": None, "flag": "c"}]  # KOR x 85: E7 alone


def test_unrestricted_shows_the_values_still_flagged(store: Path) -> None:
    eng = Engine(store)
    save_policy(eng.store, Policy(), note="defaults")
    got = eng.answer(period="2025-01", flow="export", partner="KOR", product="85",
                     unrestricted=True).to_pylist()  # fmt: skip
    assert got == [{"value_cny": Decimal("900.00"), "flag": "c"}]


def test_group_dimensions_aggregate_raw_codes_then_map(store: Path) -> None:
    eng = Engine(store)
    save_policy(eng.store, Policy(threshold=4), note="four firms")
    got = _by_key(eng.answer(period="2025-01", flow="export", by="hs_section"), ["hs_section"])
    # Section I (chapter 01): E1, E2, E4, E5, E6, E8; XVI (85): E1, E2, E3, E7.
    assert got[("I",)]["flag"] == "" and got[("XVI",)]["flag"] == ""
    asean = eng.answer(period="2025-01", flow="export", by="partner_group", partner="VNM")
    # VNM alone: E2, E3, E4, E5, E6 (five firms), one group cell: published.
    assert asean.num_rows >= 1 and set(asean.column("flag").to_pylist()) == {""}


def test_a_repeated_question_is_answered_from_the_cache(store: Path) -> None:
    eng = Engine(store)
    save_policy(eng.store, Policy(), note="defaults")
    q = {"period": "2025-01", "flow": "export", "by": "partner,hs2"}
    eng.answer(**q)
    before = CACHE.misses
    eng.answer(**q, measures="value_cny,share_pct")  # same table, other measures
    assert CACHE.misses == before


def _cli(store: Path, *args: str) -> str:
    from typer.testing import CliRunner

    from tradestats.cli import app

    base = ["query", "--store", str(store), "--period", "2025-01", "--flow", "export"]
    r = CliRunner().invoke(app, [*base, *args])
    assert r.exit_code == 0, r.output
    return r.output


def test_the_cli_carries_the_flag_in_every_format(store: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    save_policy(Engine(store).store, Policy(), note="defaults")
    one = ("--partner", "KOR", "--product", "85")
    assert _cli(store, *one, "--format", "csv").splitlines() == ["value_cny,flag", ",c"]
    assert _cli(store, *one, "--format", "json").strip() == '[{"value_cny": null, "flag": "c"}]'
    shown = _cli(store, *one, "--format", "table")
    assert "│            c │ c    │" in shown and "c: confidential" in shown
    assert _cli(store, *one, "--unrestricted", "--format", "csv").splitlines()[1] == "900.00,c"
    _cli(store, *one, "--format", "parquet", "--out", str(tmp_path / "a.parquet"))
    assert pq.read_table(tmp_path / "a.parquet").to_pylist() == [{"value_cny": None, "flag": "c"}]
    sdmx = _cli(store, "--by", "partner", "--format", "sdmx-csv").splitlines()
    kor = next(line for line in sdmx if ",KOR," in line)
    assert kor.endswith(",NaN,CNY,M,C")  # missing value, CONF_STATUS confidential


def test_a_selection_without_records_has_nothing_to_protect(store: Path) -> None:
    eng = Engine(store)
    save_policy(eng.store, Policy(), note="defaults")
    got = eng.answer(period="2025-01", flow="import").to_pylist()  # the store has no imports
    assert [r["flag"] for r in got] == [""] * len(got)
