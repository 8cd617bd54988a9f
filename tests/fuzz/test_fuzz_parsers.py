"""Fuzzing the parsers of what people type: reporting periods, the query model (as the engine
builds it and as the web API's query string reaches it) and the claim extractor.

Budget: TRADESTATS_FUZZ_EXAMPLES per property, x10 for the cheap in-process parsers (see
fuzz_kit.py). The web property runs against a small store through the ASGI app.
"""

from __future__ import annotations

import time
import warnings
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from fuzz_inputs import NASTY_CELLS, cells, claim_texts, period_texts
from fuzz_kit import fuzz_settings
from fuzz_targets import PARSE_BOUND, claims_text, period_text, query_model
from hypothesis import given
from hypothesis import strategies as st

from tradestats.web import create_app

from helpers import two_year_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

MEASURES = ["value_cny", "value_usd", "yoy_pct", "share_pct", "rank", "growth_streak", "count"]
DIMS = ["partner", "product", "hs2", "month", "quarter", "year", "enterprise_type", "region"]


def words(choices: list[str]) -> st.SearchStrategy[str]:
    """Comma lists of real words, negations and nasty cells."""
    word = st.one_of(st.sampled_from(choices), st.sampled_from(NASTY_CELLS), st.text(max_size=6))
    return st.lists(st.tuples(st.sampled_from(["", "!", "~"]), word), max_size=4).map(
        lambda parts: ",".join(p + w for p, w in parts)
    )


def test_periods() -> None:
    @fuzz_settings(10)
    @given(period_texts())
    def prop(text: str) -> None:
        period_text(text)

    prop()


def test_query_model() -> None:
    groups = ["asean", "eu", "USA", "VNM", "new_trio", "0110", "private", "37", "1", "850760"]
    params = st.fixed_dictionaries(
        {"period": period_texts()},
        optional={
            "flow": st.one_of(st.sampled_from(["export", "import", "total", "balance"]), cells()),
            "measures": words(MEASURES),
            "by": words(DIMS),
            "top": st.one_of(st.none(), st.integers(-5, 10**6)),
            "basis": st.one_of(st.sampled_from(["value_cny", "value_usd"]), cells()),
            "grain": st.one_of(st.sampled_from(["month", "quarter"]), cells()),
            "as_of": st.one_of(st.none(), cells()),
            "partner": words(groups),
            "product": words(groups),
            "trade_mode": words(groups),
            "region": words(groups),
            "brand_type": words(groups),
            "enterprise_type": words(groups),
        },
    )

    @fuzz_settings(10)
    @given(params)
    def prop(p: dict[str, Any]) -> None:
        query_model(p)

    prop()


def test_claim_extractor() -> None:
    claims_text("warm up: exports rose 5 percent in 2025")  # loads the lexicon once

    @fuzz_settings(4)
    @given(claim_texts())
    def prop(text: str) -> None:
        claims_text(text)

    prop()


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = two_year_store(tmp_path_factory.mktemp("fuzzweb"))
    with TestClient(create_app(store), raise_server_exceptions=False) as c:
        yield c


QUERY_PARAMS = ["period", "flow", "measures", "by", "top", "parent", "basis", "grain", "as_of",
                "format", "partner", "product", "enterprise_type", "trade_mode", "region",
                "brand_type"]  # fmt: skip


def test_web_query_string(client: TestClient) -> None:
    """Any query string on /api/v1/query: a 2xx answer or a 4xx envelope, never a 5xx. Half
    the examples start from a valid question, so the engine runs too (at least one 200)."""
    periods = st.one_of(st.sampled_from(["2025", "2025-03", "2025-Q1", "2025-YTD"]), period_texts())
    value = st.one_of(
        words(MEASURES + DIMS + ["asean", "USA", "2025", "export"]),
        periods,
        st.integers(-(10**20), 10**20).map(str),
        st.text(max_size=40),
    )
    name = st.one_of(st.sampled_from(QUERY_PARAMS), st.text(max_size=8))
    base = st.sampled_from([[], [("period", "2025")], [("period", "2025-03"), ("by", "partner")]])
    params = st.tuples(base, st.lists(st.tuples(name, value), max_size=6)).map(
        lambda t: t[0] + t[1]
    )
    statuses: Counter[int] = Counter()

    @fuzz_settings(2)
    @given(params)
    def prop(p: list[tuple[str, str]]) -> None:
        start = time.process_time()
        response = client.get("/api/v1/query", params=p)
        statuses[response.status_code] += 1
        assert response.status_code < 500, (p, response.status_code, response.text[:300])
        if response.status_code >= 400:
            assert set(response.json()) == {"error"}, response.text[:300]
        assert time.process_time() - start < PARSE_BOUND * 5, p

    prop()
    print(f"statuses: {dict(sorted(statuses.items()))}")
    assert statuses[200] > 0, statuses
