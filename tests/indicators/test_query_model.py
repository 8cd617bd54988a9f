"""The query model: parsing, lists and negations, and the checks made on construction."""

from __future__ import annotations

import pytest

from tradestats.errors import UsageError
from tradestats.indicators.query import Dim, Filter, FlowSel, Measure, Query, Selection


def test_filters_lists_and_negations():
    assert Filter.parse("asean, !VNM,~THA") == Filter(("asean",), ("VNM", "THA"))
    assert Filter.parse(["84", "85,!8507"]) == Filter(("84", "85"), ("8507",))
    assert not Filter.parse(None)


def test_build_and_defaults():
    q = Query.build(period="2025", flow="Export", by="partner,quarter", measures="yoy_pct,rank")
    assert q.selection.flow is FlowSel.EXPORT
    assert q.by == (Dim.PARTNER, Dim.QUARTER)
    assert q.measures == (Measure.YOY_PCT, Measure.RANK)
    assert q.needs_previous()
    # The default parent of a share is the same flow with no other filter.
    q2 = Query.build(period="2025", flow="export", partner="asean", measures="share_pct")
    assert q2.parent_selection() == Selection(flow=FlowSel.EXPORT)


@pytest.mark.parametrize(
    "kw,message",
    [
        (dict(flow="exports"), "did you mean 'export'"),
        (dict(measures="yoy"), "did you mean 'yoy_pct'"),
        (dict(by="partnergroup"), "did you mean 'partner_group'"),
        (dict(measures="value_cny,value_cny"), "listed twice"),
        (dict(flow="balance", measures="share_pct"), "balance"),
        (dict(measures="growth_streak", by="month"), "growth_streak"),
        (dict(top=0), "at least 1"),
        (dict(colour="red"), "unknown selection field"),
    ],
)
def test_invalid_queries(kw, message):
    with pytest.raises(UsageError, match=message):
        Query.build(period="2025", **kw)
