"""Extraction: the seed article claim by claim (list written by hand from the article), and a
table of sentences -> expected claims with tricky phrasings."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tradestats.checker import extract_claims
from tradestats.checker.extract import extract
from tradestats.checker.zh import extract_zh

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_cd315f6f60b908e6.txt"

# (text of the span, measure, number, unit, qualifier, direction) in the article's order.
SEED_CLAIMS = [
    ("new record high", "rank", "1", "rank", "exact", 0),
    ("45.47 trillion yuan", "value", "45.47", "CNY", "exact", 0),
    ("3.8 percent", "yoy_pct", "3.8", "percent", "exact", 1),
    ("45.47 trillion yuan", "value", "45.47", "CNY", "exact", 0),
    ("$6.51 trillion", "value", "6.51", "USD", "exact", 0),
    ("new record high", "rank", "1", "rank", "exact", 0),
    ("the world's largest", "rank", "1", "rank", "exact", 0),
    ("6.1 percent", "yoy_pct", "6.1", "percent", "exact", 1),
    ("26.99 trillion yuan", "value", "26.99", "CNY", "exact", 0),
    ("0.5 percent", "yoy_pct", "0.5", "percent", "exact", 1),
    ("18.48 trillion yuan", "value", "18.48", "CNY", "exact", 0),
    ("over 240 countries and regions", "count", "240", "count", "over", 0),
    ("over 190 countries and regions", "count", "190", "count", "over", 0),
    ("6.3 percent", "yoy_pct", "6.3", "percent", "exact", 1),
    ("23.6 trillion yuan", "value", "23.6", "CNY", "exact", 0),
    ("51.9 percent", "share_pct", "51.9", "percent", "exact", 0),
    ("8 percent", "yoy_pct", "8", "percent", "exact", 1),
    ("7.55 trillion yuan", "value", "7.55", "CNY", "exact", 0),
    ("6.5 percent", "yoy_pct", "6.5", "percent", "exact", 1),
    ("3.93 trillion yuan", "value", "3.93", "CNY", "exact", 0),
    ("18.4 percent", "yoy_pct", "18.4", "percent", "exact", 1),
    ("2.49 trillion yuan", "value", "2.49", "CNY", "exact", 0),
    ("13.2 percent", "yoy_pct", "13.2", "percent", "exact", 1),
    ("5.25 trillion yuan", "value", "5.25", "CNY", "exact", 0),
    ("27.1 percent", "yoy_pct", "27.1", "percent", "exact", 1),
    ("48.7 percent", "yoy_pct", "48.7", "percent", "exact", 1),
    ("12.9 percent", "yoy_pct", "12.9", "percent", "exact", 1),
    ("1.4 percentage points", "share_change_pp", "1.4", "pp", "exact", 1),
    ("over 780,000 business entities", "count", "780000", "count", "over", 0),
    ("26.04 trillion yuan", "value", "26.04", "CNY", "exact", 0),
    ("7.1 percent", "yoy_pct", "7.1", "percent", "exact", 1),
    ("57.3 percent", "share_pct", "57.3", "percent", "exact", 0),
    ("consecutive of three quarters since the second quarter last year", "streak", "3",
     "quarters", "exact", 0),
    ("5.7 percent", "yoy_pct", "5.7", "percent", "exact", 1),
    ("7.41 trillion yuan", "value", "7.41", "CNY", "exact", 0),
    # Goldman Sachs' GDP forecasts: numbers, but not about trade.
    ("4.8 percent", "other", "4.8", "percent", "exact", 1),
    ("4.7 percent", "other", "4.7", "percent", "exact", 1),
    ("4.3 percent", "other", "4.3", "percent", "exact", 1),
    ("4.0 percent", "other", "4.0", "percent", "exact", 1),
]  # fmt: skip


@pytest.fixture(scope="module")
def seed_text(seed_article_text: str) -> str:
    return seed_article_text


def test_seed_article_every_claim(seed_text: str) -> None:
    claims = extract_claims(seed_text)
    got = [(c.text, c.measure.value, str(c.stated.value), c.stated.unit,
            c.stated.qualifier.value, c.direction) for c in claims]  # fmt: skip
    assert got == SEED_CLAIMS
    for c in claims:
        assert seed_text[c.start : c.end] == c.text
        assert c.text in c.sentence


def test_seed_details(seed_text: str) -> None:
    claims = {c.text: c for c in extract_claims(seed_text)}
    assert claims["over 240 countries and regions"].detail == "partners"
    assert claims["over 190 countries and regions"].detail == "partners_growing"
    assert claims["over 780,000 business entities"].detail == "enterprises"
    streak = claims["consecutive of three quarters since the second quarter last year"]
    assert (streak.detail, streak.since) == ("quarter", 2)
    assert claims["new record high"].detail == "record_high"
    assert claims["$6.51 trillion"].stated.amount == Decimal("6.51e12")


# sentence -> [(span text, measure, signed number, unit, qualifier)]
CASES = [
    ("Exports fell 2.5 percent to 3.1 trillion yuan.",
     [("2.5 percent", "yoy_pct", "-2.5", "percent", "exact"),
      ("3.1 trillion yuan", "value", "3.1e12", "CNY", "exact")]),
    ("Imports declined by 4 per cent.", [("4 per cent", "yoy_pct", "-4", "percent", "exact")]),
    ("Shipments were down 3% on the year.", [("3%", "yoy_pct", "-3", "percent", "exact")]),
    ("Exports soared by 27.1 percent year-on-year.",
     [("27.1 percent", "yoy_pct", "27.1", "percent", "exact")]),
    ("Trade with Africa jumped 18.4 percent.",
     [("18.4 percent", "yoy_pct", "18.4", "percent", "exact")]),
    ("a 6.3 percent year-on-year increase in trade",
     [("6.3 percent", "yoy_pct", "6.3", "percent", "exact")]),
    ("Exports to the US reached USD 992 billion.",
     [("USD 992 billion", "value", "992e9", "USD", "exact")]),
    ("45.47 trillion yuan ($6.51 trillion)",
     [("45.47 trillion yuan", "value", "45.47e12", "CNY", "exact"),
      ("$6.51 trillion", "value", "6.51e12", "USD", "exact")]),
    ("Trade hit nearly 7 trillion yuan.",
     [("nearly 7 trillion yuan", "value", "7e12", "CNY", "nearly")]),
    ("There are more than 780,000 business entities.",
     [("more than 780,000 business entities", "count", "780000", "count", "over")]),
    ("accounting for 51.9 percent of the country's total foreign trade value",
     [("51.9 percent", "share_pct", "51.9", "percent", "exact")]),
    ("Their share of the total rising to 57.3 percent",
     [("57.3 percent", "share_pct", "57.3", "percent", "exact")]),
    ("with the proportion up by 1.4 percentage points",
     [("1.4 percentage points", "share_change_pp", "1.4", "pp", "exact")]),
    ("its share fell 0.8 percentage point",
     [("0.8 percentage point", "share_change_pp", "-0.8", "pp", "exact")]),
    ("imports grew for a consecutive of three quarters",
     [("consecutive of three quarters", "streak", "3", "quarters", "exact")]),
    ("exports rose for three consecutive quarters",
     [("three consecutive quarters", "streak", "3", "quarters", "exact")]),
    ("exports grew 5 months in a row", [("5 months in a row", "streak", "5", "months", "exact")]),
    ("the surplus was about 1.19 trillion dollars",
     [("about 1.19 trillion dollars", "value", "1.19e12", "USD", "about")]),
    ("On Dec. 27, 2025 at 14:07 nothing was said.", []),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_extraction_cases(sentence: str, expected: list[tuple[str, ...]]) -> None:
    got = [(c.text, c.measure.value, c.signed, c.stated.unit, c.stated.qualifier.value)
           for c in extract(sentence)]  # fmt: skip
    want = [(t, m, Decimal(n), u, q) for t, m, n, u, q in expected]
    assert got == want


def test_precision_of_printed_numbers() -> None:
    (c,) = extract("over 780,000 business entities")
    assert c.stated.half_unit == 5000  # the last non-zero digit is the ten-thousands
    (c,) = extract("45.47 trillion yuan")
    assert c.stated.low() == Decimal("45.465e12") and c.stated.high() == Decimal("45.475e12")
    (c,) = extract("grew by 8 percent")
    assert c.stated.half_unit == Decimal("0.5")


ZH = [
    ("2025年我国货物贸易进出口45.47万亿元，同比增长3.8%。",
     [("45.47万亿元", "value", "45.47e12", "CNY"), ("3.8%", "yoy_pct", "3.8", "percent")]),
    ("进口下降2.1%", [("2.1%", "yoy_pct", "-2.1", "percent")]),
    ("占我国外贸总值的51.9%", [("51.9%", "share_pct", "51.9", "percent")]),
    ("比重提升1.4个百分点", [("1.4个百分点", "share_change_pp", "1.4", "pp")]),
    ("有进出口实绩的经营主体超78万家", [("超78万家", "count", "780000", "count")]),
    ("与超过240个国家和地区有贸易往来", [("超过240个国家和地区", "count", "240", "count")]),
    ("进口连续3个季度增长", [("连续3个季度", "streak", "3", "quarters")]),
    ("规模创历史新高", [("创历史新高", "rank", "1", "rank")]),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "expected"), ZH, ids=[c[0][:12] for c in ZH])
def test_chinese_cases(sentence: str, expected: list[tuple[str, ...]]) -> None:
    got = [(c.text, c.measure.value, c.signed, c.stated.unit) for c in extract_zh(sentence)]
    assert got == [(t, m, Decimal(n), u) for t, m, n, u in expected]


def test_no_claims_in_plain_prose() -> None:
    assert extract("The Fourth Plenary Session of the 20th Central Committee met.") == []
