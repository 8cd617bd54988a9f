"""Consistency rules added with the indexed book: deficits, impossible exchange rates, hedged
totals, paragraphs that speak of different subjects, and shares without their own whole."""

from __future__ import annotations

from test_checker_consistency import findings


def test_deficit_is_a_negative_balance() -> None:
    # 3.1 - 4.0 = -0.9: a deficit of 0.9 holds, a deficit of 1.9 does not.
    text = ("In 2025, the province's exports were 3.1 trillion yuan and its imports 4.0 "
            "trillion yuan, a trade deficit of {d} trillion yuan.")  # fmt: skip
    assert [ok for ok, _ in findings(text.format(d="0.9"))["balance"]] == [True]
    bad = findings(text.format(d="1.9"))["balance"]
    assert [ok for ok, _ in bad] == [False]
    assert "deficit stated" in bad[0][1]


def test_euro_conversion_outside_any_market_rate() -> None:
    # 540.2 / 500.1 = 1.08 dollars per euro is plausible; 500.3 / 700.2 = 0.71 has never been
    # seen (the euro's low was 0.83).
    good = findings("In 2024, the EU's imports from China were €500.1 billion ($540.2 billion).")
    assert all(ok for ok, _ in good["exchange_rate"])
    bad = findings("In 2024, the EU's imports from China were €700.2 billion ($500.3 billion).")
    assert [ok for ok, _ in bad["exchange_rate"]] == [True, False]
    assert "outside any rate since 1999" in bad["exchange_rate"][1][1]


def test_a_round_conversion_is_read_to_its_scales_unit() -> None:
    # $300 billion for €420.6 billion is 0.713 dollars per euro: read as 250-350 billion the
    # pair would pass (up to 0.83); a converted figure is rounded to the billion, not to 100.
    bad = findings("In 2024, the EU's exports to Japan were €420.6 billion ($300 billion).")
    assert [ok for ok, _ in bad["exchange_rate"]] == [True, False]
    good = findings("In 2024, the EU's exports to Japan were €277.4 billion ($300 billion).")
    assert all(ok for ok, _ in good["exchange_rate"])


def test_hedged_total_is_checked_as_a_bound() -> None:
    # "over 40 trillion" is consistent with 25 + 18 = 43, not with 15 + 18 = 33.
    text = ("In 2025, exports reached {e} trillion yuan and imports 18 trillion yuan. "
            "Total trade exceeded 40 trillion yuan.")  # fmt: skip
    assert [ok for ok, _ in findings(text.format(e=25))["parts_sum"]] == [True]
    assert [ok for ok, _ in findings(text.format(e=15))["parts_sum"]] == [False]


def test_two_paragraphs_about_different_subjects_raise_no_alarm() -> None:
    # The first paragraph's exports are a region's (read without its name); the national
    # paragraph's parts add up. Combining across paragraphs would raise a false alarm.
    text = ("In 2025, the delta's exports were 6.2 trillion yuan, up 5 percent.\n\n"
            "In 2025, exports were 26.99 trillion yuan and imports 18.48 trillion yuan, "
            "for total trade of 45.47 trillion yuan.")  # fmt: skip
    found = findings(text)
    assert all(ok for fs in found.values() for ok, _ in fs)
    assert [ok for ok, _ in found["parts_sum"]] == [True]


def test_share_without_its_own_whole_is_left_alone() -> None:
    # A share of exports when only total trade is given (and 30 / 45 is not 20 %): the share
    # may be of a whole the text does not state, so no finding rather than a false alarm.
    text = ("In 2025, total trade was 45 trillion yuan. Exports of machinery were 3 trillion "
            "yuan, accounting for 20 percent of exports.")  # fmt: skip
    assert "share_base" not in findings(text)


def test_dollar_growth_is_not_checked_against_yuan_levels() -> None:
    # The yuan levels give 10 % growth; the 7 % is in dollar terms and is not compared.
    text = ("In 2025, exports rose to 11 trillion yuan from 10 trillion yuan. In dollar terms, "
            "exports grew 7 percent.")  # fmt: skip
    assert not [ok for ok, _ in findings(text).get("growth_levels", []) if not ok]


def test_part_larger_than_its_whole() -> None:
    # Trade with one partner cannot exceed total trade in the same paragraph.
    text = ("In 2025, China's total trade was 45.47 trillion yuan. Trade with Latin America "
            "grew 4 percent to {v} trillion yuan.")  # fmt: skip
    assert "part_whole" not in findings(text.format(v="3.9"))
    assert [ok for ok, _ in findings(text.format(v="59.5"))["part_whole"]] == [False]


def test_bilateral_deficit_may_exceed_the_overall_one() -> None:
    # A deficit with one partner larger than the overall deficit is common, not an error.
    text = ("In 2025, the country's exports to China were 2.1 trillion and imports from China "
            "3.0 trillion yuan, a deficit with China of 0.9 trillion yuan, while its overall "
            "trade deficit was 0.4 trillion yuan.")  # fmt: skip
    assert "part_whole" not in findings(text)


def test_shares_of_one_partition_over_100_percent() -> None:
    # Three enterprise types' shares of total trade: 48.1 + 33.2 + 15.9 = 97.2 holds,
    # 48.1 + 38.2 + 15.9 = 102.2 cannot.
    text = ("In 2024, private enterprises accounted for 48.1% of total trade, while "
            "foreign-invested and state-owned enterprises accounted for {f}% and 15.9%, "
            "respectively.")  # fmt: skip
    assert "share_sum" not in findings(text.format(f="33.2"))
    assert [ok for ok, _ in findings(text.format(f="38.2"))["share_sum"]] == [False]


def test_share_change_against_its_two_ends() -> None:
    # 41.6 - 39.2 = 2.4 points: "up 2.4" holds, "up 3.4" does not.
    text = ("Foreign-invested firms' share of China's exports fell to 39.2 percent in 2025 from "
            "41.6 percent a year earlier, down {pp} percentage points.")  # fmt: skip
    assert "share_change" not in findings(text.format(pp="2.4"))
    assert [ok for ok, _ in findings(text.format(pp="3.4"))["share_change"]] == [False]
