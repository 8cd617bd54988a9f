"""General rules of subject resolution, each with a sentence written for the test."""

from __future__ import annotations

from tradestats.checker import Measure, extract_claims


def _claims(text: str, date: str = "2026-01-14") -> list:  # type: ignore[type-arg]
    return extract_claims(text, article_date=date)


def _one(text: str, figure: str, date: str = "2026-01-14"):  # type: ignore[no-untyped-def]
    return next(c for c in _claims(text, date) if c.text == figure)


def test_a_share_of_total_trade_is_a_share_of_the_parts_trade() -> None:
    text = "Collective firms' share of the country's total trade slipped to 4.1 percent in 2025."
    share = _one(text, "4.1 percent")
    assert (share.subject.flow, share.subject.parent_flow) == ("total", "total")
    assert "flow total: the share's base" in share.why


def test_the_total_value_of_imports_and_exports_is_a_level_not_a_base() -> None:
    text = "In 2024, the total value of China's imports and exports stood at 43.8 trillion yuan."
    level = _one(text, "43.8 trillion yuan")
    assert level.subject.flow == "total"


def test_first_half_is_a_period_not_a_fraction() -> None:
    text = "In the first half of 2025, exports rose 7.2 percent."
    assert [c.text for c in _claims(text)] == ["7.2 percent"]


def test_examples_listed_over_several_clauses_do_not_replace_their_group() -> None:
    text = ("In 2025, exports of the new trio of electric vehicles, lithium batteries and "
            "solar cells climbed 14.5 percent.")  # fmt: skip
    growth = _one(text, "14.5 percent")
    assert growth.subject.product == "new_trio"


def test_what_a_rate_is_compared_with_is_not_its_subject() -> None:
    text = ("In 2025, exports of mobile phones rose 9.3 percent, outpacing overall export "
            "growth by 3.2 percentage points.")  # fmt: skip
    gap = _one(text, "3.2 percentage points")
    assert gap.measure is Measure.GROWTH_DIFF
    assert (gap.subject.flow, gap.subject.product) == ("export", "mobile_phones")


def test_contribution_to_total_growth_keeps_the_contributors_subject() -> None:
    text = ("In 2025, exports of ships surged 30.2 percent, lifting total export growth by "
            "0.4 percentage points.")  # fmt: skip
    contribution = _one(text, "0.4 percentage points")
    assert contribution.subject.product == "ships"


def test_a_trade_mode_named_alone_does_not_inherit_the_flow_before() -> None:
    text = "In 2025, exports of toys fell 2.5 percent. Processing trade reached 7.9 trillion yuan."
    level = _one(text, "7.9 trillion yuan")
    assert (level.subject.flow, level.subject.trade_mode) == ("total", "processing_trade")
    assert level.subject.product is None


def test_a_label_before_a_colon_is_the_subject_of_what_follows() -> None:
    text = "Highlights:\n- Iron ore: March imports at 98.1 million tons, up 4.2% m/m"
    level = _one(text, "98.1 million tons", "2025-04-14")
    growth = _one(text, "4.2%", "2025-04-14")
    assert (level.subject.flow, level.subject.product) == ("import", "iron_ore")
    assert growth.subject.product == "iron_ore"


def test_a_compared_months_own_figure_does_not_date_the_next_sentence() -> None:
    text = ("Exports rose 3.1% in August, easing from July's 7.2% gain. "
            "Imports edged up 1.3%.")  # fmt: skip
    july = _one(text, "7.2%", "2025-09-08")
    imports = _one(text, "1.3%", "2025-09-08")
    assert (july.period, imports.period) == ("2025-07", "2025-08")


def test_may_before_export_is_the_month() -> None:
    text = "China's May export growth cooled as sales to Japan fell 4.4%."
    assert _one(text, "4.4%", "2025-06-09").period == "2025-05"


def test_only_the_figure_before_forecast_is_a_forecast() -> None:
    text = "In May, exports rose 4.1%, slowing from April's 6.3% gain and missing a 5.5% forecast."
    april, forecast = _one(text, "6.3%", "2025-06-09"), _one(text, "5.5%", "2025-06-09")
    assert april.measure is Measure.YOY and april.subject.topic == "trade"
    assert forecast.subject.topic == "forecast"


def test_an_economy_rank_is_not_a_trade_rank() -> None:
    text = "In 2025, Japan remained the fourth-largest economy."
    (rank,) = _claims(text)
    assert rank.subject.topic == "economy"


def test_a_subject_the_reference_lacks_is_not_queried_against_another_code() -> None:
    from tradestats.checker.verify import build_query

    text = "In 2025, exports of umbrellas fell 3.3 percent."
    growth = _one(text, "3.3 percent")
    assert growth.subject.unknown == "umbrellas"
    query, why = build_query(growth)
    assert query is None
    assert why == "'umbrellas' is a product the reference lacks: not checked against another code"


def test_a_share_of_the_world_market_is_world_data() -> None:
    text = "In 2024, China's share of the global market held at 14.2%, trade data showed."
    share = _one(text, "14.2%")
    assert (share.subject.reporter, share.subject.flow) == ("WLD", "export")


def test_a_fraction_of_an_economy_is_not_a_trade_share() -> None:
    text = "In 2024, UK trade in goods was roughly two-thirds of an economy worth £2.9trn."
    half = _one(text, "roughly two-thirds")
    assert half.subject.topic == "economy"


def test_a_record_beside_a_quantity_is_not_checked_as_a_value() -> None:
    from tradestats.checker.verify import build_query

    text = "In 2025, iron ore imports climbed 2.1% to a record 1,240 million tons."
    record = _one(text, "record")
    assert record.subject.basis == "quantity"
    query, why = build_query(record)
    assert query is None and "quantity" in why


def test_several_partners_summed_are_no_single_partner() -> None:
    text = "2025年，我国与日本、韩国的贸易额合计占进出口总值的一成左右。"
    share = _one(text, "一成左右")
    assert share.subject.partner is None
    assert share.subject.unknown == "日本 + 韩国"


def test_a_relative_clause_keeps_the_subject_it_is_about() -> None:
    text = ("In 2025, foreign-invested firms, which handled 13.2 trillion yuan of imports and "
            "exports, up 2.3 percent, made up 29.1 percent of the total.")  # fmt: skip
    level, share = _one(text, "13.2 trillion yuan"), _one(text, "29.1 percent")
    assert level.subject.enterprise_type == "foreign_invested"
    assert share.subject.enterprise_type == "foreign_invested"


def test_a_period_right_after_a_figure_is_its_own() -> None:
    text = "Imports in dollar terms fell 1.2 percent in December and rose 0.3 percent for the year."
    year = _one(text, "0.3 percent", "2026-01-15")
    assert year.period == "2025"


def test_regions_after_the_are_regions_the_reference_lacks() -> None:
    text = "In 2025, trade in the coastal provinces grew 3.1%."
    growth = _one(text, "3.1%")
    assert growth.subject.unknown == "coastal provinces"


def test_imports_or_exports_are_total_trade() -> None:
    text = "In 2025, 612,000 firms recorded imports or exports."
    assert _claims(text)[0].subject.flow == "total"


def test_a_partners_purchases_of_chinese_goods_are_chinas_exports() -> None:
    text = ("China's exports rose 5.5 percent in 2025, customs data showed. Chile, a major "
            "copper supplier, bought US$26 billion of Chinese goods.")  # fmt: skip
    level = _one(text, "US$26 billion")
    assert (level.subject.reporter, level.subject.flow, level.subject.partner) == (
        "CHN", "export", "CHL")  # fmt: skip


def test_imports_from_a_partner_at_a_level_are_not_a_level_grown_from() -> None:
    text = ("In 2025, exports to Chile were 0.31 trillion yuan and imports from Chile at 0.52 "
            "trillion yuan.")  # fmt: skip
    level = _one(text, "0.52 trillion yuan")
    assert (level.role, level.period, level.subject.partner) == ("", "2025", "CHL")
