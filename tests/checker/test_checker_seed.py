"""The seed article against a small synthetic store calibrated to it (tradestats.synth), and
tampered copies: changing one figure turns exactly that claim into 'contradicted'.

The synthetic store has 20,000 declaration lines, so it has about 7,000 firms, not the
article's 780,000: that one claim is contradicted here by construction (the demo store built
with `tradestats synth --records 1000000` has enough firms).
"""

from __future__ import annotations

import glob
from typing import Any

import pytest

from tradestats.checker import check


class CachedEngine:
    """An Engine whose queries are computed once: tampered copies repeat most queries."""

    def __init__(self, engine: Any) -> None:
        self.engine, self._memo = engine, {}

    def query(self, **kw: Any) -> Any:
        key = repr(sorted(kw.items()))
        if key not in self._memo:
            self._memo[key] = self.engine.query(**kw)
        return self._memo[key]

    def answers(self, period: str, as_of: str | None = None) -> bool:
        return bool(self.engine.answers(period, as_of=as_of))


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> CachedEngine:
    from tradestats import synth
    from tradestats.engine import Engine
    from tradestats.ingest import ingest_files

    root = tmp_path_factory.mktemp("seed")
    synth.generate(20_000, seed=1, out=root / "synth", fmt="csv")
    ingest_files(root / "store", sorted(glob.glob(str(root / "synth" / "*.csv"))))
    return CachedEngine(Engine(root / "store"))


@pytest.fixture(scope="module")
def seed_text(seed_article_text: str) -> str:
    return seed_article_text


def verdicts(text: str, engine: CachedEngine) -> list[tuple[int, str, str]]:
    return [(c.start, c.text, c.verdict.value) for c in check(text, store=engine).claims]


def test_seed_article(seed_text: str, engine: CachedEngine) -> None:
    report = check(seed_text, store=engine)
    by_text = {}
    for c in report.claims:
        by_text.setdefault(c.text, []).append(c)
    odd = {c.text: c.verdict.value for c in report.claims
           if c.verdict.value != "supported" and c.measure.value != "other"}  # fmt: skip
    assert odd == {"$6.51 trillion": "unverifiable",
                   "the world's largest": "unverifiable",
                   "over 780,000 business entities": "contradicted"}  # fmt: skip
    dollar = by_text["$6.51 trillion"][0].reason
    assert "6.985 yuan per dollar" in dollar and "official dollar series" in dollar
    others = [c for c in report.claims if c.measure.value == "other"]
    assert [c.subject.topic for c in others] == ["GDP", "GDP", "estimates", "estimates"]
    assert all(c.verdict.value == "unverifiable" and "not a trade figure" in c.reason
               for c in others)  # fmt: skip
    assert len([c for c in report.claims if c.subject.topic == "trade"]) == 35


TAMPER = [
    ("26.99 trillion yuan", "27.99 trillion yuan"),  # a value
    ("grew by 6.1 percent", "grew by 7.1 percent"),  # a growth rate
    ("51.9 percent", "52.9 percent"),  # a share
    ("1.4 percentage points", "2.4 percentage points"),  # the pp change
    ("over 240 countries", "over 260 countries"),  # a count (the store has 249)
    ("consecutive of three quarters", "consecutive of two quarters"),  # the streak
    ("jumped 18.4 percent", "jumped 16.4 percent"),
]


@pytest.mark.parametrize(("old", "new"), TAMPER, ids=[t[0] for t in TAMPER])
def test_tampered_copy(seed_text: str, engine: CachedEngine, old: str, new: str) -> None:
    base = verdicts(seed_text, engine)
    at = seed_text.index(old)
    tampered = seed_text[:at] + new + seed_text[at + len(old) :]
    after = verdicts(tampered, engine)
    assert len(after) == len(base)
    changed = [a for a, b in zip(after, base, strict=True) if a[2] != b[2]]
    assert len(changed) == 1, changed
    ((start, text, verdict),) = changed
    assert verdict == "contradicted" and at <= start < at + len(new), (text, at)


ZH_RELEASE = (
    "2025年我国货物贸易进出口总值45.47万亿元，同比增长3.8%。其中，出口26.99万亿元，增长6.1%；"
    "进口18.48万亿元，增长0.5%。我国对共建一带一路国家进出口23.6万亿元，增长6.3%，占我国外贸"
    "总值的51.9%。民营企业进出口26.04万亿元，增长7.1%，占我国外贸总值的57.3%。进口连续3个季度增长。"
)


def test_chinese_release(engine: CachedEngine) -> None:
    report = check(ZH_RELEASE, store=engine, article_date="2026-01-14")
    assert len(report.claims) == 13
    assert all(c.text in c.sentence for c in report.claims)
    assert {c.verdict.value for c in report.claims} == {"supported"}, [
        (c.text, c.reason) for c in report.claims if c.verdict.value != "supported"
    ]
    share = next(c for c in report.claims if c.text == "51.9%")
    assert share.subject.as_dict() == {"flow": "total", "partner": "bri", "parent_flow": "total"}
