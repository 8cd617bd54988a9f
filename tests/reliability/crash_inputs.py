"""Small generated inputs for the SIGKILL campaign: one maker per source format.

Every maker writes ``rows`` valid rows that ingest without a single rejected row. ``trial``
changes only the quantities, so the rows of two trials are never duplicates of each other (an
``--append`` of trial 2 after trial 1 commits every row) while the rows and the value totals per
period are the same for every trial: the effect of one batch (its "delta") is known once.
``variant`` changes the values and the row count (the two inputs a ``--replace`` campaign
alternates between, so the state before and after a replace differ).

Example:
    >>> from pathlib import Path
    >>> import tempfile
    >>> p = make_input("comext", Path(tempfile.mkdtemp()), rows=3, trial=1)
    >>> p.read_text().splitlines()[0].split(",")[:2]
    ['DECLARANT_ISO', 'PARTNER_ISO']
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from pathlib import Path

M49 = ["410", "392", "842", "276", "704", "36", "76", "356"]  # KOR JPN USA DEU VNM AUS BRA IND
ISO3 = ["KOR", "JPN", "USA", "DEU", "VNM", "AUS", "BRA", "IND"]
ALPHA2 = ["CN", "US", "JP", "KR", "VN", "BR", "IN", "AU"]
NAMES_ZH = ["美国", "日本", "韩国", "德国", "越南", "俄罗斯联邦", "中国香港", "巴西"]
HS6 = ["850760", "854143", "870380", "847130", "851762", "440710", "271012", "300490"]


def _value(i: int, variant: int) -> str:
    """A distinct value per row (no two rows of one input are duplicates)."""
    return f"{1000 + i * 7 + variant * 13}.{(i * 37 + variant) % 100:02d}"


def canonical(
    folder: Path, rows: int, trial: int, variant: int = 0, reporter: str | None = None
) -> Path:
    """Canonical rows of 2025-01..03; with ``reporter``, every row is that reporter's."""
    path = folder / f"canonical-{reporter or 'own'}-{trial}-{variant}.csv"
    lines = ["period,flow,hs_code,partner,value_cny,value_usd,quantity,unit,enterprise_id"]
    lines[0] += ",reporter" if reporter else ""
    n = rows + 7 * variant
    for i in range(n):
        lines.append(
            f"2025-{1 + i % 3:02d},{('export', 'import')[i % 2]},{HS6[i % 8]}00,{ISO3[i % 8]},"
            f"{_value(i, variant)},{i % 500}.{i % 10}0,{trial + 1}.{i % 1000:03d},kg,E{i % 97}"
            + (f",{reporter}" if reporter else "")
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _comtrade_rows(rows: int, trial: int, variant: int) -> list[dict[str, str]]:
    out = []
    for i in range(rows + 7 * variant):
        out.append(
            {
                "freqCode": "M",
                "refYear": "2022",
                "refMonth": str(1 + i % 3),
                "period": f"20220{1 + i % 3}",
                "reporterCode": "156",
                "flowCode": ("X", "M")[i % 2],
                "partnerCode": M49[i % 8],
                "partner2Code": "0",
                "cmdCode": HS6[i % 8],
                "customsCode": "C00",
                "motCode": "0",
                "qtyUnitAbbr": "kg",
                "qty": str(trial * 1000 + i),
                "primaryValue": _value(i, variant),
            }
        )
    return out


def comtrade_json(folder: Path, rows: int, trial: int, variant: int = 0) -> Path:
    path = folder / f"comtrade-{trial}-{variant}.json"
    records = _comtrade_rows(rows, trial, variant)
    typed = [{k: (int(v) if k != "primaryValue" and v.isdigit() else v) for k, v in r.items()}
             for r in records]  # fmt: skip
    for rec in typed:
        rec["primaryValue"] = float(rec["primaryValue"])
    path.write_text(json.dumps({"count": len(typed), "data": typed}), encoding="utf-8")
    return path


def comtrade_csv(folder: Path, rows: int, trial: int, variant: int = 0) -> Path:
    path = folder / f"comtrade-{trial}-{variant}.csv"
    records = _comtrade_rows(rows, trial, variant)
    header = list(records[0])
    lines = [",".join(header)] + [",".join(r[h] for h in header) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def baci(folder: Path, rows: int, trial: int, variant: int = 0) -> Path:
    path = folder / f"BACI_HS17_Y2022_V2024-{trial}-{variant}.csv"
    lines = ["t,i,j,k,v,q"]
    for i in range(rows + 7 * variant):
        exporter, importer = M49[i % 8], M49[(i + 3) % 8]
        lines.append(
            f"2022,{exporter},{importer},{HS6[i % 8]},{_value(i, variant)},{trial * 1000 + i}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


CN_HEAD = (
    "数据年月,进出口,商品编码,商品名称,贸易伙伴编码,贸易伙伴名称,贸易方式编码,贸易方式名称,"
    "注册地编码,注册地名称,第一数量,第一计量单位,人民币"
)


def cn_customs(folder: Path, rows: int, trial: int, variant: int = 0) -> Path:
    path = folder / f"customs-{trial}-{variant}.csv"
    lines = [CN_HEAD]
    for i in range(rows + 7 * variant):
        lines.append(
            f"20250{1 + i % 3},{('出口', '进口')[i % 2]},{HS6[i % 8]}00,商品,000,"
            f"{NAMES_ZH[i % 8]},0110,一般贸易,37019,青岛,{trial * 1000 + i},个,{_value(i, variant)}"
        )
    path.write_bytes(("\n".join(lines) + "\n").encode("gbk"))
    return path


def comext(folder: Path, rows: int, trial: int, variant: int = 0) -> Path:
    path = folder / f"full2022-{trial}-{variant}.csv"
    lines = ["DECLARANT_ISO,PARTNER_ISO,PRODUCT_NC,FLOW,PERIOD,VALUE_IN_EUROS,QUANTITY_IN_KG"]
    declarants = ["DE", "FR", "IT", "NL"]
    for i in range(rows + 7 * variant):
        lines.append(
            f"{declarants[i % 4]},{ALPHA2[i % 8]},{HS6[i % 8]}00,{1 + i % 2},20220{1 + i % 3},"
            f"{_value(i, variant)},{trial * 1000 + i}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


MAKERS: dict[str, Callable[..., Path]] = {
    "canonical": canonical,
    "canonical-kor": partial(canonical, reporter="KOR"),
    "canonical-usa": partial(canonical, reporter="USA"),
    "comtrade-json": comtrade_json,
    "comtrade-csv": comtrade_csv,
    "baci": baci,
    "cn-customs": cn_customs,
    "comext": comext,
}


def make_input(source: str, folder: Path, rows: int, trial: int, variant: int = 0) -> Path:
    """Write the input of ``trial`` for ``source`` (one of MAKERS) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    return MAKERS[source](folder, rows, trial, variant)
