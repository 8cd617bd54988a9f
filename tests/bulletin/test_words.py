"""Verb choice at the boundaries and publication rounding (half-up on exact decimals)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tradestats.bulletin import rounding as r
from tradestats.bulletin import verbs
from tradestats.bulletin.compute import History
from tradestats.bulletin.phrases import SlotContext, slot_words


@pytest.mark.parametrize(
    ("value", "en", "zh"),
    [
        (0.0, "remained flat", "持平"),
        (0.04999, "remained flat", "持平"),  # prints as 0.0: no "grew by 0.0 percent"
        (-0.04999, "remained flat", "持平"),
        (0.05, "grew by 0.1 percent", "增长0.1%"),  # half-up
        (-0.05, "fell by 0.1 percent", "下降0.1%"),  # half away from zero
        (3.765262612842986, "grew by 3.8 percent", "增长3.8%"),
        (14.94, "grew by 14.9 percent", "增长14.9%"),
        (14.95, "jumped 15.0 percent", "增长15.0%"),  # rounds to the threshold
        (15.0, "jumped 15.0 percent", "增长15.0%"),
        (-2.1, "fell by 2.1 percent", "下降2.1%"),
        (-15.0, "plunged 15.0 percent", "下降15.0%"),
        (None, "could not be compared with a year earlier", "无可比数据"),
    ],
)
def test_growth_verbs_at_the_boundaries(value, en, zh):
    assert verbs.growth(value, "en") == en
    assert verbs.growth(value, "zh") == zh


def test_growth_change_style_and_custom_threshold():
    assert verbs.growth(6.1, "en", style="change") == "up 6.1 percent"
    assert verbs.growth(-0.2, "en", style="change") == "down 0.2 percent"
    assert verbs.growth(0.0, "en", style="change") == "flat"
    assert verbs.growth(12.0, "en", jump=Decimal(10)) == "jumped 12.0 percent"


@pytest.mark.parametrize(
    ("value", "en", "zh"),
    [
        (1.3919711661382586, "rose by 1.4 percentage points", "提升1.4个百分点"),
        (-0.7, "fell by 0.7 percentage points", "下降0.7个百分点"),
        (0.04, "remained unchanged", "持平"),
        (1.0, "rose by 1.0 percentage point", "提升1.0个百分点"),
        (25.0, "rose by 25.0 percentage points", "提升25.0个百分点"),  # no "jumped" for pp
    ],
)
def test_share_change_verbs(value, en, zh):
    assert verbs.share_change(value, "en") == en
    assert verbs.share_change(value, "zh") == zh


def test_record_needs_a_strictly_higher_value_than_every_earlier_one():
    assert History(("2023", "2024"), (Decimal(5), Decimal(7))).is_record(Decimal(8))
    assert not History(("2023", "2024"), (Decimal(9), Decimal(7))).is_record(Decimal(8))
    assert not History(("2024",), (Decimal(8),)).is_record(Decimal(8))  # a tie is no record
    assert not History((), ()).is_record(Decimal(8))  # nothing to compare with
    assert (
        verbs.record("45.47 trillion yuan", True, "en")
        == "hit a record high of 45.47 trillion yuan"
    )
    assert verbs.record("45.47 trillion yuan", False, "en") == "reached 45.47 trillion yuan"
    assert verbs.record("45.47万亿元", True, "zh") == "达45.47万亿元，创历史新高"


@pytest.mark.parametrize(
    ("n", "end", "first", "en", "zh"),
    [
        (3, "2025-Q4", "2024-Q1",
         "grew year on year for three consecutive quarters since the second quarter",
         "自二季度起连续3个季度同比增长"),
        (6, "2025-Q4", "2024-Q1",
         "grew year on year for six consecutive quarters since the third quarter of 2024",
         "自2024年三季度起连续6个季度同比增长"),
        (1, "2025-Q4", None, "grew year on year in the fourth quarter", "四季度同比增长"),
        (0, "2025-Q4", None, "did not grow year on year in the fourth quarter", "四季度同比未增长"),
        (4, "2025-Q4", "2025-Q1", "grew year on year for at least four consecutive quarters",
         "至少连续4个季度同比增长"),
        (5, "2025-11", "2024-01", "grew year on year for five consecutive months since July",
         "自7月起连续5个月同比增长"),
    ],
)  # fmt: skip
def test_streak_wording(n, end, first, en, zh):
    assert verbs.streak(n, end, "en", first) == en
    assert verbs.streak(n, end, "zh", first) == zh


def test_rounding_is_half_up_on_the_exact_decimal():
    # 2.345 is not representable in binary: float rounding would give 2.34 or 2.35 by luck.
    assert r.money(Decimal("2345000000000.00"), "CNY", "en") == "2.35 trillion yuan"
    assert r.money(Decimal("2344999999999.99"), "CNY", "en") == "2.34 trillion yuan"
    assert r.round_half_up(0.15, 1) == Decimal("0.2")  # float 0.15 is 0.1499999...
    assert r.round_half_up(Decimal("-0.04"), 1) == Decimal("0.0")  # never "-0.0"
    assert r.percent(2.675, "en") == "2.7 percent"


@pytest.mark.parametrize(
    ("value", "currency", "lang", "text"),
    [
        (Decimal("45470000030052.97"), "CNY", "en", "45.47 trillion yuan"),
        (Decimal("45470000030052.97"), "CNY", "zh", "45.47万亿元"),
        (Decimal("480000000000.00"), "CNY", "en", "480.00 billion yuan"),
        (Decimal("480000000000.00"), "CNY", "zh", "4800.0亿元"),
        (Decimal("6362333643985.17"), "USD", "en", "6.36 trillion US dollars"),
        (Decimal("6362333643985.17"), "USD", "zh", "6.36万亿美元"),
        (Decimal("1234.5"), "CNY", "en", "1,234.50 yuan"),
    ],
)
def test_money_words(value, currency, lang, text):
    assert r.money(value, currency, lang) == text


def test_counts_and_slot_words():
    assert r.count(780123, "en") == "780,123"
    assert r.count(780123, "zh") == "78.0万"
    assert r.count(71061, "zh") == "71061"
    en = SlotContext(lang="en")
    assert slot_words("share_pct", 51.90235, "", en) == ("51.9 percent", "51.9")
    assert slot_words("yoy_pct", None, "", en) == ("n/a", None)
    assert slot_words("value_cny", Decimal("7550000004977.14"), "num", en) == ("7.55", "7.55")


def test_balance_words_follow_the_sign():
    en, zh = SlotContext(lang="en"), SlotContext(lang="zh")
    surplus, deficit = Decimal("8509999999371.03"), Decimal("-1204999999.99")
    assert slot_words("value_cny", surplus, "balance", en)[0] == (
        "a trade surplus of 8.51 trillion yuan"
    )
    assert slot_words("value_cny", deficit, "balance", en) == (
        "a trade deficit of 1.20 billion yuan",
        "-1.20",
    )
    assert slot_words("value_cny", surplus, "balance", zh)[0] == "贸易顺差8.51万亿元"
    assert slot_words("value_cny", deficit, "balance", zh)[0] == "贸易逆差12.0亿元"
    assert slot_words("value_cny", Decimal("0.001"), "balance", en)[0] == "balanced trade"
