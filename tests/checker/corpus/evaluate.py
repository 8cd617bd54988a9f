"""Score the claim checker over its development corpus (the YAML files beside this one).

Prints recall, measure, subject and period accuracy per language, the claims that would be
checked against the wrong data, and the consistency scores (planted errors flagged, false
alarms on clean texts, precision). See README.md for the annotation format.

    make eval-checker
    PYTHONPATH=src python tests/checker/corpus/evaluate.py --details      # every miss

Example:
    >>> gold = parse_claim("2.9 percent | yoy | total | 2025-H1", "grew 2.9 percent", {})
    >>> (gold.start, gold.measure, gold.subject["flow"], gold.period)
    (5, 'yoy_pct', 'total', '2025-H1')
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
MEASURES = {
    "value": "value", "yoy": "yoy_pct", "share": "share_pct", "pp": "share_change_pp",
    "count": "count", "streak": "streak", "rank": "rank", "other": "other", "qoq": "qoq_pct",
    "mom": "mom_pct", "cagr": "cagr_pct", "multi": "multi_year_pct", "contrib": "contribution_pp",
    "contrib_share": "contribution_share_pct", "gap": "growth_diff_pp", "change": "change",
    "quantity": "quantity",
}  # fmt: skip
KEYS = {"partner": "partner", "product": "product", "ent": "enterprise_type",
        "brand": "brand_type", "mode": "trade_mode", "region": "region", "reporter": "reporter",
        "basis": "basis", "parent": "parent_flow", "topic": "topic"}  # fmt: skip
DIMS = ("partner", "product", "enterprise_type", "brand_type", "trade_mode", "region")
RATES = {"yoy_pct", "qoq_pct", "mom_pct", "cagr_pct", "multi_year_pct", "contribution_pp"}
NOT_YOY = {"qoq_pct", "mom_pct", "cagr_pct", "multi_year_pct", "contribution_share_pct",
           "growth_diff_pp", "change"}  # fmt: skip
LANGS = ("en", "zh-hans", "zh-hant")


@dataclass
class Gold:
    """One annotated claim: where it is and what a careful reader takes it to say."""

    start: int
    end: int
    text: str
    measure: str
    subject: dict[str, str]
    period: str | None
    line: str


@dataclass
class Doc:
    id: str
    kind: str
    lang: str
    date: str | None
    text: str
    claims: list[Gold]
    errors: list[tuple[list[str], Gold]]
    file: str

    @property
    def clean(self) -> bool:
        return not self.errors


def find_span(text: str, span: str, nth: int) -> tuple[int, int]:
    """(start, end) of the ``nth`` occurrence of ``span`` as a whole figure (``5 percent`` is
    not found inside ``25 percent``)."""
    lead = r"(?<![\d.,])" if span[:1].isdigit() else ""
    tail = r"(?!\d)" if span[-1:].isdigit() else ""
    hits = list(re.finditer(lead + re.escape(span) + tail, text))
    if len(hits) < nth:
        raise ValueError(f"span {span!r} #{nth} is not in the text ({len(hits)} found)")
    return hits[nth - 1].span()


def parse_claim(line: str, text: str, seen: dict[str, int]) -> Gold:
    """``span | measure | subject | period`` -> Gold (see README.md)."""
    parts = [p.strip() for p in line.split("|")]
    if len(parts) != 4:
        raise ValueError(f"a claim needs 4 fields: {line!r}")
    span, measure, subject_text, period = parts
    nth = 1
    if (m := re.fullmatch(r"(.*)@(\d+)", span)) is not None:
        span, nth = m[1], int(m[2])
    seen[span] = nth
    start, end = find_span(text, span, nth)
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r} in {line!r}")
    subject: dict[str, str] = {}
    for i, token in enumerate(subject_text.split()):
        if "=" in token:
            key, value = token.split("=", 1)
            if key not in KEYS:
                raise ValueError(f"unknown subject key {key!r} in {line!r}")
            subject[KEYS[key]] = value
        elif i == 0 and token != "-":
            subject["flow"] = token
        elif token != "-":
            raise ValueError(f"bad subject token {token!r} in {line!r}")
    return Gold(start, end, span, MEASURES[measure], subject, None if period == "-" else period,
                line)  # fmt: skip


def load(folder: Path = HERE, only: str | None = None) -> list[Doc]:
    """Every text of every corpus file (or of the one named ``only``)."""
    docs: list[Doc] = []
    ids: set[str] = set()
    for path in sorted(folder.glob("*.yaml")):
        if only and path.name != only:
            continue
        for raw in yaml.safe_load(path.read_text(encoding="utf-8"))["texts"]:
            if raw["id"] in ids:
                raise ValueError(f"{path.name}: id {raw['id']} twice")
            ids.add(raw["id"])
            text = raw["text"]
            try:
                claims = [parse_claim(c, text, {}) for c in raw.get("claims") or []]
                errors = [_error(e, text) for e in raw.get("errors") or []]
            except ValueError as err:
                raise ValueError(f"{path.name} {raw['id']}: {err}") from None
            date = str(raw["date"]) if raw.get("date") else None
            docs.append(Doc(raw["id"], raw["kind"], raw["lang"], date, text, claims, errors,
                            path.name))  # fmt: skip
    return docs


def _error(entry: Any, text: str) -> tuple[list[str], Gold]:
    ((checks, span),) = dict(entry).items()
    nth = 1
    if (m := re.fullmatch(r"(.*)@(\d+)", str(span))) is not None:
        span, nth = m[1], int(m[2])
    start, end = find_span(text, str(span), nth)
    return checks.split("|"), Gold(start, end, str(span), "", {}, None, str(entry))


# -- comparing ---------------------------------------------------------------------------


def months(period: str | None) -> tuple[str, ...] | str | None:
    """A period as the months it covers, so 2025-H1 equals 2025-01..2025-06."""
    if period is None:
        return None
    from tradestats.indicators.periods import parse_period

    try:
        return tuple(parse_period(period).months())
    except Exception:
        return period


def subject_of(claim: Any) -> dict[str, str]:
    """The checker's resolution in the annotation's terms."""
    s = claim.subject
    out = {"flow": s.flow, "reporter": getattr(s, "reporter", None) or "CHN"}
    for dim in DIMS:
        if value := getattr(s, dim, None):
            out[dim] = value
    if getattr(s, "unknown", None):
        out["unknown"] = s.unknown
    if claim.measure.value in ("share_pct", "share_change_pp"):
        out["parent_flow"] = s.parent_flow or s.flow or "total"
    return out


def subject_ok(gold: Gold, claim: Any) -> bool:
    if gold.subject.get("topic") == "other":
        from tradestats.checker.verify import build_query

        return build_query(claim)[0] is None
    if claim.subject.topic != "trade":
        return False
    got = subject_of(claim)
    want = {k: v for k, v in gold.subject.items() if k not in ("basis", "topic")}
    want.setdefault("reporter", "CHN")
    if gold.measure in ("share_pct", "share_change_pp"):
        want.setdefault("parent_flow", want.get("flow", "total"))
    for dim in DIMS:
        if want.get(dim) == "?":
            if got.get(dim) or not got.get("unknown"):
                return False
            want.pop(dim)
    got.pop("unknown", None)
    if want.get("flow") is None:
        got.pop("flow", None)
    return got == {k: v for k, v in want.items()}


def period_ok(gold: Gold, claim: Any) -> bool:
    if gold.subject.get("topic") == "other":
        return True
    return months(gold.period) == months(claim.period)


def wrong_data(gold: Gold, claim: Any) -> str | None:
    """Why the checker's query for ``claim`` would check it against the wrong data."""
    from tradestats.checker.verify import build_query

    query, _ = build_query(claim)
    if query is None:
        return None
    want = gold.subject
    reporter = want.get("reporter", "CHN")
    if want.get("topic") == "other":
        return f"not a trade figure, queried as {query}"
    if reporter != "CHN" and query.get("reporter") != reporter:
        return f"reported by {reporter}, queried as {query}"
    if reporter == "CHN" and query.get("reporter") not in (None, "CHN"):
        return f"China's figure queried for reporter {query.get('reporter')}"
    basis = want.get("basis")
    measure = query.get("measures")
    if basis in ("quantity", "price") and measure in RATES | {"value_cny", "value_usd"}:
        return f"a {basis} figure queried as {measure}"
    if (basis in ("value_usd", "value_cny", "value_eur") and measure in RATES
            and query.get("basis", "value_cny") != basis):  # fmt: skip
        return f"growth in {basis} queried in {query.get('basis')}"
    if gold.measure in NOT_YOY and measure in RATES - {gold.measure}:
        return f"a {gold.measure} figure queried as {measure}"
    for dim in DIMS:
        if want.get(dim) == "?" and dim != "region":
            return f"the text's {dim} is not in the reference, yet it was queried as {query}"
    return None


@dataclass
class Tally:
    claims: int = 0
    found: int = 0
    measure: int = 0
    subject: int = 0
    period: int = 0
    both: int = 0
    wrong: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)


@dataclass
class Scores:
    by_lang: dict[str, Tally]
    planted: int = 0
    flagged: int = 0
    clean_texts: int = 0
    false_alarms: list[str] = field(default_factory=list)
    clean_alarms: list[str] = field(default_factory=list)
    flags: int = 0
    true_flags: int = 0
    unflagged: list[str] = field(default_factory=list)

    def total(self) -> Tally:
        t = Tally()
        for tally in self.by_lang.values():
            for name in ("claims", "found", "measure", "subject", "period", "both"):
                setattr(t, name, getattr(t, name) + getattr(tally, name))
            t.wrong += tally.wrong
            t.misses += tally.misses
        return t


def best_claim(gold: Gold, claims: Iterable[Any]) -> Any:
    """The checker claim overlapping the annotated span most (None when none does)."""
    best, overlap = None, 0
    for c in claims:
        o = min(c.end, gold.end) - max(c.start, gold.start)
        if o > overlap:
            best, overlap = c, o
    return best


def score(docs: list[Doc]) -> Scores:
    from tradestats.checker import check

    scores = Scores({lang: Tally() for lang in LANGS})
    for doc in docs:
        report = check(doc.text, article_date=doc.date)
        tally = scores.by_lang[doc.lang]
        for gold in doc.claims:
            tally.claims += 1
            claim = best_claim(gold, report.claims)
            where = f"{doc.file} {doc.id}: {gold.line}"
            if claim is None:
                tally.misses.append(f"MISSED   {where}")
                continue
            tally.found += 1
            m_ok = claim.measure.value == gold.measure
            s_ok, p_ok = subject_ok(gold, claim), period_ok(gold, claim)
            tally.measure += m_ok
            tally.subject += s_ok
            tally.period += p_ok
            tally.both += s_ok and p_ok
            if not (m_ok and s_ok and p_ok):
                got = f"{claim.text!r} {claim.measure.value} {subject_of(claim)} {claim.period}"
                bad = "".join(f for f, ok in (("M", m_ok), ("S", s_ok), ("P", p_ok)) if not ok)
                tally.misses.append(f"WRONG {bad:3} {where}\n           got {got}")
            if why := wrong_data(gold, claim):
                tally.wrong.append(f"{where}: {why}")
        _score_consistency(doc, report, scores)
    return scores


def _score_consistency(doc: Doc, report: Any, scores: Scores) -> None:
    bad = [f for f in report.consistency if not f.ok]
    matched: set[int] = set()
    for checks, gold in doc.errors:
        scores.planted += 1
        hit = [i for i, f in enumerate(bad) if f.check in checks and (any(
            report.claims[j].start < gold.end and report.claims[j].end > gold.start
            for j in f.claims) or (f.span is not None and f.span[0] < gold.end
                                   and f.span[1] > gold.start))]  # fmt: skip
        if hit:
            scores.flagged += 1
            matched.update(hit)
        else:
            scores.unflagged.append(f"{doc.file} {doc.id}: {'|'.join(checks)} at {gold.text!r}")
    scores.flags += len(bad)
    scores.true_flags += len(matched)
    if doc.clean:
        scores.clean_texts += 1
    for i, f in enumerate(bad):
        if i not in matched:
            alarm = f"{doc.file} {doc.id}: {f.check}: {f.message}"
            scores.false_alarms.append(alarm)
            if doc.clean:
                scores.clean_alarms.append(alarm)


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f} %" if d else "    - "


def render(scores: Scores, details: bool = False) -> str:
    rows = ["lang      claims found recall   measure  subject  period   subj+period"]
    for lang, t in [*scores.by_lang.items(), ("all", scores.total())]:
        if not t.claims:
            continue
        rows.append(f"{lang:9} {t.claims:6} {t.found:5} {_pct(t.found, t.claims)}  "
                    f"{_pct(t.measure, t.found)}  {_pct(t.subject, t.found)}  "
                    f"{_pct(t.period, t.found)}  {_pct(t.both, t.found)}")  # fmt: skip
    total = scores.total()
    rows += [
        f"checked against the wrong data: {len(total.wrong)}",
        f"planted consistency errors flagged: {scores.flagged} of {scores.planted}",
        f"false alarms: {len(scores.false_alarms)} in all, {len(scores.clean_alarms)} on "
        f"{scores.clean_texts} clean texts",
        f"consistency precision: {_pct(scores.true_flags, scores.flags)} "
        f"({scores.true_flags} of {scores.flags} 'inconsistent' findings are planted errors)",
    ]
    if details:
        rows += ["", *total.misses, "", *(f"WRONG DATA {w}" for w in total.wrong), ""]
        rows += [f"NOT FLAGGED {u}" for u in scores.unflagged]
        rows += [f"FALSE ALARM {a}" for a in scores.false_alarms]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list every miss and alarm")
    parser.add_argument("--file", help="score one corpus file only")
    args = parser.parse_args(argv)
    docs = load(only=args.file)
    scores = score(docs)
    print(f"{len(docs)} texts ({sum(d.clean for d in docs)} clean), "
          f"{sum(len(d.claims) for d in docs)} annotated claims")  # fmt: skip
    print(render(scores, args.details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
