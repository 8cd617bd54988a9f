"""Golden bulletins on the hand-made store, and figures checked against hand arithmetic.

Regenerate the golden files after a reviewed change with TRADESTATS_UPDATE_GOLDEN=1.
Inline chart SVG is replaced by a placeholder in the HTML golden files (charts are tested in
test_browser.py); everything else is compared byte for byte.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

GOLDEN = Path(__file__).with_name("golden")
SVG = re.compile(r"<svg .*?</svg>", re.S)
LONG_FLOAT = re.compile(r'data-value="(-?\d+\.\d{9,})"')


def normalized(text: str) -> str:
    """Charts masked; ratios to 9 decimals (the last bits of a float64 are the engine's)."""
    text = SVG.sub("<svg><!-- chart --></svg>", text)
    return LONG_FLOAT.sub(lambda m: f'data-value="{float(m[1]):.9f}"', text)


def rounded_floats(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, dict):
        return {k: rounded_floats(v) for k, v in value.items()}
    if isinstance(value, list):
        return [rounded_floats(v) for v in value]
    return value


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("TRADESTATS_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run with TRADESTATS_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_golden_bulletin(bulletin, lang, fmt):
    b = bulletin(lang, fmt)
    check_golden(f"bulletin-2025.{lang}.{fmt}", normalized(str(b.content)))


def test_golden_trace(bulletin):
    doc = rounded_floats(json.loads(bulletin("en", "md").trace_json()))
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    check_golden("bulletin-2025.en.trace.json", text)


# Hand arithmetic (see bulletin_fixture.py; units of 1e10 yuan, annual sums):
#   total 840 -> 876: 876e10 = 8.76 trillion, 36/840 = 4.2857 % -> 4.3
#   dollars 876e10 x 0.139 = 1.21764e12 -> 1.22 trillion US dollars
#   exports 480 -> 516: +7.5 %; imports 360 -> 360: 0.0 % -> "remained flat"
#   balance 516 - 360 = 156 -> 1.56 trillion
#   imports by quarter 2025: Q1 3 x (15 + 8 + 4) = 81 vs 90 (-10 %); Q2..Q4 93 vs 90 (+3.3 %)
#   Belt and Road (VNM, KOR, NGA) 240 -> 276: +15.0 % exactly, the "jumped" threshold
#   Africa (NGA) 60 -> 48: -20.0 % -> "plunged"; Latin America (BRA) 60 -> 60: flat
#   domestic brands (EA, EC, ED) 240 -> 288: +20 %; share 240/480 = 50.0 -> 288/516 = 55.81
#   private (EA, IA) 300 -> 336: +12.0 %; share 35.714 -> 38.356: +2.642 pp -> 2.6
EN_PHRASES = [
    "hit a record high of 8.76 trillion yuan, and grew by 4.3 percent year on year",
    "it totalled 1.22 trillion US dollars",
    "| Total | 8,760.00 | 1,217.64 | 4.3 |",  # the flows table's total row: 516 + 360
    "Exports grew by 7.5 percent year on year, reaching 5.16 trillion yuan",
    "imports remained flat, reaching 3.60 trillion yuan",
    "This left a trade surplus of 1.56 trillion yuan.",
    "Imports grew year on year for three consecutive quarters since the second quarter",
    "exports grew year on year for at least four consecutive quarters",
    "Belt and Road partner countries jumped 15.0 percent year on year to 2.76 trillion yuan",
    "trade with Africa plunged 20.0 percent, reaching 480.00 billion yuan",
    "trade with Latin America remained flat",
    "Exports of domestic brands jumped 20.0 percent to 2.88 trillion yuan",
    "rose by 5.8 percentage points to 55.8 percent",
    "reaching 3.36 trillion yuan; their share of the total rose by 2.6 percentage points to 38.4",
    "| Imports | Q1 | 810.00 | -10.0 |",
]
ZH_PHRASES = [
    "进出口总值达8.76万亿元，创历史新高，同比增长4.3%",
    "按美元计（各笔美元金额合计），进出口总值为1.22万亿美元",
    "出口5.16万亿元，同比增长7.5%；进口3.60万亿元，同比持平；贸易顺差1.56万亿元。",
    "进口自二季度起连续3个季度同比增长，出口至少连续4个季度同比增长",
    "对非洲进出口4800.0亿元，同比下降20.0%",
    "占出口总值的55.8%，比上年提升5.8个百分点",
    "民营企业进出口3.36万亿元，同比增长12.0%，占我国外贸总值的38.4%，比上年提升2.6个百分点",
]


def test_english_figures_match_hand_arithmetic(bulletin):
    text = str(bulletin("en", "md").content)
    for phrase in EN_PHRASES:
        assert phrase in text


def test_chinese_figures_match_hand_arithmetic(bulletin):
    text = str(bulletin("zh", "md").content)
    for phrase in ZH_PHRASES:
        assert phrase in text


def test_both_editions_carry_the_same_statement_figures(bulletin):
    en = [f for f in bulletin("en", "md").trace.figures if f.indicator]
    zh = [f for f in bulletin("zh", "md").trace.figures if f.indicator]
    assert sorted(f.indicator for f in en) == sorted(f.indicator for f in zh)
    en_values = {f.indicator: (f.value, f.query) for f in en}
    assert all(en_values[f.indicator] == (f.value, f.query) for f in zh)
    ratios = {f.indicator: f.rounded for f in en if f.unit in ("percent", "pp")}
    assert all(ratios[f.indicator] == f.rounded for f in zh if f.unit in ("percent", "pp"))


def test_trace_sidecar_is_json_with_queries(bulletin):
    doc = json.loads(bulletin("en", "md").trace_json())
    assert doc["bulletin"]["period"] == "2025"
    first = doc["figures"][0]
    assert first["indicator"] == "total.value"
    assert first["value"] == "8760000000000.00"
    assert first["query"] == {"period": "2025", "flow": "total", "measures": "value_cny"}
    assert first["record"] is True
    assert first["compared_with"] == [{"period": "2024", "value": "8400000000000.00"}]
