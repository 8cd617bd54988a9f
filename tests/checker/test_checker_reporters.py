"""Who reports a figure, on what basis and of which flow: an owner named after "and", a
headline rate restated in the body, a trade mode's figure."""

from __future__ import annotations

from tradestats.checker import extract_claims


def test_a_possessive_after_and_is_the_reporter() -> None:
    text = ("Elsewhere in Asia, South Korea's exports rose 12.7% in September and Taiwan's "
            "jumped 33.8%, according to their own statistics agencies.")  # fmt: skip
    korea, taiwan = extract_claims(text, "2025-10-13")
    assert (korea.subject.reporter, taiwan.subject.reporter) == ("KOR", "TWN")
    assert taiwan.subject.partner is None


def test_a_headline_rate_takes_the_basis_the_body_gives_it() -> None:
    text = ("内地首两个月出口按年增21.8% 远胜预期\n\n"
            "海关总署周二公布，以美元计，今年首两个月出口按年增长21.8%。")  # fmt: skip
    head, body = extract_claims(text, "2026-03-10")
    assert (head.subject.basis, body.subject.basis) == ("value_usd", "value_usd")


def test_a_trade_mode_figure_is_total_trade_in_the_resolution_too() -> None:
    # The query asked total trade already; the resolution shown to the reader now says so.
    (growth, level) = extract_claims("In 2025, general trade grew by 4.5 percent to 32.30 "
                                     "trillion yuan.", "2026-01-14")  # fmt: skip
    assert [c.subject.flow for c in (growth, level)] == ["total", "total"]
    assert "flow total: a trade mode's figure is its imports and exports together" in growth.why
