"""UN Comtrade extracts (../shared/data/comtradr_fixtures) through ingest AND the engine.

Every figure is computed by ``Engine(store).query(...)`` and compared with values computed here,
independently, from the raw files (Python Decimals over the CSV/JSON rows): values, growth and
shares of annual data, reporters, product levels and re-imports.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from tradestats.engine import Engine
from tradestats.errors import UsageError
from tradestats.ingest import ingest_files

from helpers import pct

FIX = "comtradr_fixtures"
CENT = Decimal("0.01")
USD = dict(basis="value_usd")
USD_ONLY = dict(basis="value_usd", measures="value_usd")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _cents(text: str) -> Decimal:
    """Comtrade's dollars rounded half away from zero to the cent (values are >= 0)."""
    return Decimal(text).quantize(CENT, rounding=ROUND_HALF_UP)


def _pct(num: Decimal, den: Decimal) -> Decimal:
    """The exact ratio as the engine states it (20 decimals)."""
    return pct(Fraction(num) / Fraction(den) * 100)


@pytest.fixture
def china_annual(shared_data: Path, tmp_path: Path) -> tuple[Engine, list[dict[str, str]]]:
    src = shared_data / FIX / "comtrade_CHN_exports_KOR_MEX_USA_2012-2022_annual_total.csv"
    report = ingest_files(tmp_path / "s", [src])
    assert report.sources[0]["format"] == "comtrade"
    assert (report.rows_read, report.rows_accepted, report.rows_skipped) == (33, 33, 0)
    return Engine(tmp_path / "s"), _rows(src)


def test_china_annual_exports_by_partner(china_annual) -> None:
    eng, raw = china_annual
    value = {(int(r["ref_year"]), r["partner_iso"]): _cents(r["primary_value"]) for r in raw}
    for year in range(2012, 2023):
        got = eng.query(period=str(year), flow="export", by="partner",
                        measures="value_usd,yoy_pct,share_pct", **USD).to_pylist()  # fmt: skip
        total = sum(v for (y, _), v in value.items() if y == year)
        for r in got:
            v, before = value[(year, r["partner"])], value.get((year - 1, r["partner"]))
            assert r["value_usd"] == v
            assert r["share_pct"] == _pct(v, total)
            if before is None:
                assert r["yoy_pct"] is None  # 2012: no 2011 in the store
            else:
                assert r["yoy_pct"] == _pct(v - before, before)
        assert sorted(r["partner"] for r in got) == ["KOR", "MEX", "USA"]


def test_china_annual_by_year_and_refusals(china_annual) -> None:
    eng, raw = china_annual
    total = {y: sum(_cents(r["primary_value"]) for r in raw if r["ref_year"] == str(y))
             for y in (2021, 2022)}  # fmt: skip
    got = eng.query(period="2022", by="year", measures="value_usd,yoy_pct", **USD).to_pylist()
    growth = _pct(total[2022] - total[2021], total[2021])
    assert got == [{"year": "2022", "value_usd": total[2022], "yoy_pct": growth}]
    with pytest.raises(UsageError, match="no figure for 2022-Q1: 2022 holds annual data"):
        eng.query(period="2022-Q1", **USD_ONLY)
    with pytest.raises(UsageError, match="finer than the data hold: rows at TOTAL CHN 2022"):
        eng.query(period="2022", by="hs2", **USD_ONLY)
    with pytest.raises(UsageError, match="have no value_cny, only value_usd"):
        eng.query(period="2022")


def test_raw_v1_json_by_flow_and_partner(shared_data: Path, tmp_path: Path) -> None:
    src = shared_data / FIX / "comtrade_api_v1_CHN_2010_TOTAL_ARG_DEU.json"
    report = ingest_files(tmp_path / "s", [src])
    assert report.sources[0]["format"] == "comtrade" and report.balanced
    records = json.loads(src.read_text(encoding="utf-8"))["data"]
    flows = {"X": "export", "M": "import"}
    want = {
        (flows[r["flowCode"]], r["partnerISO"]): _cents(str(r["primaryValue"])) for r in records
    }
    eng = Engine(tmp_path / "s")
    got = eng.query(period="2010", by="flow,partner", measures="value_usd", reporter="CHN", **USD)
    assert {(r["flow"], r["partner"]): r["value_usd"] for r in got.to_pylist()} == want
    bal = eng.query(period="2010", flow="balance", by="partner", measures="value_usd", **USD)
    assert {r["partner"]: r["value_usd"] for r in bal.to_pylist()} == {
        p: want[("export", p)] - want[("import", p)] for p in ("ARG", "DEU")
    }


def _finest(
    raw: list[dict[str, str]], partner: str
) -> dict[tuple[str, str], list[tuple[str, Decimal]]]:
    """Per (year, reporter): the codes a partner's cell keeps (no finer code extends them)."""
    cells: dict[tuple[str, str], list[tuple[str, Decimal]]] = defaultdict(list)
    for r in raw:
        if r["partner_iso"] == partner:
            cells[(r["ref_year"], r["reporter_iso"])].append(
                (r["cmd_code"], _cents(r["primary_value"]))
            )
    return {
        key: [(c, v) for c, v in rows if not any(o != c and o.startswith(c) for o, _ in rows)]
        for key, rows in cells.items()
    }


def _sum(kept, year: str, reporter: str, prefix: str = "") -> Decimal:
    return sum((v for c, v in kept.get((year, reporter), []) if c.startswith(prefix)), Decimal(0))


@pytest.fixture(scope="module")
def eu_wood(shared_data: Path, tmp_path_factory: pytest.TempPathFactory):
    src = shared_data / FIX / "comtrade_EU27_imports_wood_HS44_by_partner_2021-2022.csv"
    root = tmp_path_factory.mktemp("eu")
    report = ingest_files(root / "s", [src])  # no --allow-rejects: every partner is known
    return Engine(root / "s"), _rows(src), report


def test_eu27_ingest_reconciles(eu_wood) -> None:
    _, raw, report = eu_wood
    assert report.rows_read == len(raw) == 73_003 and report.balanced
    assert (report.rows_accepted, report.rows_quarantined) == (73_003, 0)
    assert any("rounded half away from zero" in n for n in report.notes)
    # Taiwan (S19) and the areas that are no country (_X, X1, XX, E19, F19) are kept, counted.
    counts = {r["partner_iso"].strip(): 0 for r in raw}
    for r in raw:
        counts[r["partner_iso"].strip()] += 1
    assert any(f"{counts['S19']} row(s) as partner" in n for n in report.notes)
    pseudo = next(n for n in report.notes if "partners that are no country" in n)
    for alpha, code in (("_X", "XNS"), ("X1", "XBK"), ("XX", "XSC"), ("E19", "XEN"),
                        ("F19", "XAF")):  # fmt: skip
        assert f"{code} {counts[alpha]:d}" in pseudo


def test_eu27_imports_from_china_by_reporter(eu_wood) -> None:
    eng, raw, _ = eu_wood
    kept = _finest(raw, "CHN")
    reporters = sorted({r for _, r in kept})
    q = dict(period="2022", flow="import", partner="CHN", by="reporter", **USD)
    got = eng.query(reporter="eu27", measures="value_usd,yoy_pct", **q).to_pylist()
    assert [r["reporter"] for r in got] == reporters and len(reporters) == 27
    for r in got:
        now, before = _sum(kept, "2022", r["reporter"]), _sum(kept, "2021", r["reporter"])
        assert r["value_usd"] == now, r["reporter"]
        assert r["yoy_pct"] == _pct(now - before, before)
    # Named as a group, the reporters are added up; HS 4407 (sawn wood) from the finest rows.
    total = eng.query(period="2022", flow="import", partner="CHN", reporter="eu27",
                      product="4407", measures="value_usd", **USD).column(0)[0].as_py()  # fmt: skip
    assert total == sum(_sum(kept, "2022", rep, "4407") for rep in reporters)


def test_eu27_reporters_and_levels_are_never_mixed_silently(eu_wood) -> None:
    eng = eu_wood[0]
    with pytest.raises(UsageError, match="several reporters"):
        eng.query(period="2022", flow="import", **USD_ONLY)
    # Chapter 48 is held as a 2-digit row: its headings cannot be told apart.
    with pytest.raises(UsageError, match="rows at 48 "):
        eng.query(period="2022", flow="import", reporter="DEU", product="4801", **USD_ONLY)


def test_world_only_extract_ingests_and_answers_totals(shared_data: Path, tmp_path: Path) -> None:
    src = shared_data / FIX / "comtrade_EU27_imports_wood_HS44_from_world_2018-2022.csv"
    report = ingest_files(tmp_path / "s", [src])
    raw = _rows(src)
    assert (report.rows_accepted, report.rows_skipped, report.rows_quarantined) == (len(raw), 0, 0)
    eng = Engine(tmp_path / "s")
    want = sum(_cents(r["primary_value"]) for r in raw
               if r["ref_year"] == "2022" and r["reporter_iso"] == "DEU")  # fmt: skip
    q = dict(period="2022", flow="import", reporter="DEU", **USD_ONLY)
    assert eng.query(partner="WLD", **q).column(0)[0].as_py() == want  # the declared total
    # With no partner named, the total is the declared one (no partner rows to add up).
    assert eng.query(**q).column(0)[0].as_py() == want
    # CIF values and net weight where Comtrade gives them; the edition of every row.
    from adapter_helpers import stored

    cif = stored(tmp_path / "s", "SELECT sum(value_cif_usd), count(DISTINCT hs_edition) FROM r"
                 " WHERE reporter = 'DEU' AND period = '2022'")  # fmt: skip
    assert cif == [(sum(_cents(r["cifvalue"]) for r in raw if r["ref_year"] == "2022"
                        and r["reporter_iso"] == "DEU" and r["cifvalue"]), 1)]  # fmt: skip


def test_thai_shrimp_totals_equal_the_sum_of_all_partner_rows(
    shared_data: Path, tmp_path: Path
) -> None:
    src = shared_data / FIX / "comtrade_THA_shrimp_HS6_by_partner_2007-2011.csv"
    report = ingest_files(tmp_path / "s", [src])  # Taiwan, 'Areas, nes' and ANT all kept
    raw = _rows(src)
    assert (report.rows_accepted, report.rows_quarantined) == (len(raw), 0) and report.balanced
    eng = Engine(tmp_path / "s")
    exports = eng.query(period="2007", flow="export", **USD_ONLY).column(0)[0].as_py()
    assert exports == sum(_cents(r["primary_value"]) for r in raw
                          if r["ref_year"] == "2007" and r["flow_code"] == "X")  # fmt: skip
    assert exports == Decimal("2381976349")
    got = eng.query(period="2008", flow="export", partner="ANT", **USD_ONLY).column(0)[0].as_py()
    assert got == sum(_cents(r["primary_value"]) for r in raw if r["ref_year"] == "2008"
                      and r["partner_iso"] == "ANT" and r["flow_code"] == "X")  # fmt: skip
    assert any("30 row(s) as partner" in n for n in report.notes)  # Taiwan, said


def test_thai_shrimp_flows(shared_data: Path, tmp_path: Path) -> None:
    src = shared_data / FIX / "comtrade_THA_shrimp_HS6_by_partner_2007-2011.csv"
    report = ingest_files(tmp_path / "s", [src])
    assert report.balanced
    raw = _rows(src)
    want: dict[tuple[str, str, str], Decimal] = defaultdict(Decimal)
    for r in raw:
        want[(r["ref_year"], r["flow_code"], r["partner_iso"])] += _cents(r["primary_value"])
    eng = Engine(tmp_path / "s")  # one reporter (THA): no reporter filter needed

    def one(flow: str, partner: str | None = None, measure: str = "value_usd") -> object:
        kw = dict(partner=partner) if partner else {}
        return (
            eng.query(period="2011", flow=flow, measures=measure, **kw, **USD).column(0)[0].as_py()
        )

    # Exports (X) and imports (M) to and from the USA; total = X + M, never the re-flows.
    x, m = want[("2011", "X", "USA")], want[("2011", "M", "USA")]
    assert (one("export", "USA"), one("import", "USA"), one("total", "USA")) == (x, m, x + m)
    # Re-imports (RM), an "of which" item of imports, queried apart (partner THA itself).
    rm, rm0 = want[("2011", "RM", "THA")], want[("2010", "RM", "THA")]
    assert one("re_import") == rm
    assert one("re_import", measure="yoy_pct") == _pct(rm - rm0, rm0)
    assert one("re_export") == 0  # the file has no re-exports
