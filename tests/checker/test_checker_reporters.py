"""Who reports a figure and on what basis: an owner named after "and", and a headline rate
restated in the body."""

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
