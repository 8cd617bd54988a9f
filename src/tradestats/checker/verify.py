"""Verify resolved claims against a store through the engine (the checker computes nothing).

Each claim becomes the keywords of one ``Engine.query`` (kept in ``claim.query`` for the
report). A claim that cannot be mapped, or whose data is missing, is ``unverifiable`` with
the reason; a miss is explained when a likely cause fits (wrong base, dollars, wrong year).

Example:
    >>> from tradestats.checker.model import Claim, Measure, Stated, Subject
    >>> from decimal import Decimal as D
    >>> c = Claim(0, 9, "8 percent", "", Measure.YOY, Stated(D(8), "percent"), direction=1,
    ...           subject=Subject(flow="total", partner="asean"), period="2025")
    >>> build_query(c)[0]["measures"], build_query(c)[0]["partner"]
    ('yoy_pct', 'asean')
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tradestats.checker.model import Claim, Measure, Qualifier, Verdict
from tradestats.checker.numbers import fmt_number
from tradestats.checker.resolve import shift_year
from tradestats.checker.timeref import fiscal_year
from tradestats.checker.verdict import holds, in_scale, to_decimal

COUNT_MEASURES = {"partners": "partners", "partners_growing": "partners_growing",
                  "enterprises": "enterprises"}  # fmt: skip
VALUE_MEASURES = {"CNY": "value_cny", "USD": "value_usd"}
HOME_REPORTER = "CHN"  # the store's own rows: China's customs declarations
CONFIDENTIAL = "cannot check: confidential (the store's disclosure policy withholds this figure)"


class Runner:
    """Runs engine queries once each and turns engine errors into reasons."""

    def __init__(self, engine: Any, as_of: str | None = None) -> None:
        self.engine = engine
        self.as_of = as_of
        self._cache: dict[tuple[tuple[str, str], ...], tuple[Any, str]] = {}

    def value(self, kw: dict[str, Any]) -> tuple[Any, str]:
        """(first value of the query's measure, '') or (None, why not)."""
        key = tuple(sorted((k, repr(v)) for k, v in kw.items()))
        if key not in self._cache:
            self._cache[key] = self._run(kw)
        return self._cache[key]

    def prefetch(self, kws: list[dict[str, Any]]) -> None:
        """Ask the engine for every single figure of ``kws`` at once (one scan per period
        instead of one per claim); what it cannot give together is asked one by one later."""
        from tradestats.errors import TradestatsError
        from tradestats.indicators.contract import build_query as engine_query

        figures = getattr(self.engine, "figures", None)
        if figures is None:
            return
        keys, queries = [], []
        for kw in kws:
            key = tuple(sorted((k, repr(v)) for k, v in kw.items()))
            if key in self._cache:
                continue
            try:
                queries.append(engine_query({**kw, "as_of": self.as_of}))
            except TradestatsError:
                continue  # the query itself is refused: _run says why
            keys.append(key)
        for i, value in figures(queries).items():
            self._cache[keys[i]] = (value, "")

    def _run(self, kw: dict[str, Any]) -> tuple[Any, str]:
        from tradestats.errors import TradestatsError

        try:
            table = self.engine.query(**kw, as_of=self.as_of)
            if table.num_rows == 0:
                return None, "the query returns no row"
            return table.column(kw["measures"])[0].as_py(), ""
        except TradestatsError as err:
            return None, str(err)
        except Exception as err:  # never let one claim stop the report
            return None, f"engine error: {type(err).__name__}: {err}"

    def confidential(self, kw: dict[str, Any]) -> bool:
        """Whether the figure of ``kw`` is withheld under the store's disclosure policy."""
        from tradestats.disclosure.answer import withheld
        from tradestats.errors import TradestatsError
        from tradestats.indicators.contract import build_query as engine_query

        try:
            return withheld(self.engine, engine_query({**kw, "as_of": self.as_of}))
        except TradestatsError:
            return False  # the figure itself is refused: its value is None already

    def earlier(self, period: str) -> list[str]:
        """The same period in each earlier year the engine can answer, oldest first: asked
        through ``Engine.answers`` (the query contract), back until a year it cannot."""
        out: list[str] = []
        for back in range(1, 60):
            earlier = shift_year(period, -back)
            try:
                if not self.engine.answers(earlier, as_of=self.as_of):
                    break
            except Exception:
                break
            out.append(earlier)
        return out[::-1]


def build_query(claim: Claim) -> tuple[dict[str, Any] | None, str]:
    """Engine.query keywords for a claim, or (None, the reason it cannot be checked)."""
    s = claim.subject
    if s.topic != "trade":
        return None, f"not a trade figure (about {s.topic})"
    if claim.measure is Measure.OTHER:
        return None, "no value, growth, share or count wording: the figure's meaning is unknown"
    if claim.measure is Measure.RANK and claim.detail != "record_high":
        return None, f"'{claim.text}' ranks against other reporters, whose data the store lacks"
    if s.unknown:
        kind = s.unknown_dim or "subject"
        return None, (f"'{s.unknown}' is a {kind} the reference lacks: not checked against "
                      "another code")  # fmt: skip
    if claim.period is None:
        why = next((w for w in claim.why if w.startswith("no period")), None)
        return None, why or "no period: the text names none for this figure"
    if fiscal := fiscal_year(claim.period):
        return None, (f"a {fiscal}: the store holds calendar periods, so it is not checked "
                      "against a calendar year")  # fmt: skip
    # "General trade grew ...": a trade mode's figure is its imports and exports together.
    flow = s.flow or ("total" if claim.measure is Measure.COUNT or s.trade_mode else None)
    if flow is None:
        return None, "the text names no flow (exports, imports or trade) for this figure"
    measure, extra, why = _measure(claim)
    if measure is None:
        return None, why
    kw = {"period": claim.period, "flow": flow, **s.dims(), "measures": measure, **extra}
    if s.reporter != HOME_REPORTER:
        kw["reporter"] = s.reporter  # another economy's statistics, never China's own rows
    return _asked(kw)


def _asked(kw: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
    """The keywords when the engine's query contract accepts them, else (None, its reason):
    a growth in volume or in yen is not asked as a growth in yuan."""
    key = repr(sorted(kw.items()))
    if key not in _REFUSED:
        _REFUSED[key] = _refusal(kw)
    why = _REFUSED[key]
    return (None, why) if why else (kw, "")


_REFUSED: dict[str, str] = {}  # the contract's answer per set of keywords (texts repeat them)


def _refusal(kw: dict[str, Any]) -> str:
    from tradestats.errors import TradestatsError
    from tradestats.indicators.contract import build_query as contract_query

    if len(_REFUSED) > 4096:
        _REFUSED.clear()
    try:
        contract_query(kw)
    except TradestatsError as err:
        return f"the store cannot be asked this figure: {err}"
    return ""


def _measure(claim: Claim) -> tuple[str | None, dict[str, Any], str]:
    s, m = claim.subject, claim.measure
    if m is Measure.RANK and s.basis == "quantity":
        return None, {}, "a record in quantity: the store holds values, not quantities"
    if m in (Measure.VALUE, Measure.RANK):
        unit = claim.stated.unit if m is Measure.VALUE else "CNY"
        found = VALUE_MEASURES.get(unit)
        return found, {}, "" if found else f"the store holds no values in {unit}"
    if m is Measure.YOY:
        return "yoy_pct", {"basis": s.basis}, ""
    if m in (Measure.SHARE, Measure.SHARE_CHANGE):
        name = "share_pct" if m is Measure.SHARE else "share_change_pp"
        return name, {"parent": {"flow": s.parent_flow or s.flow or "total"}}, ""
    if m is Measure.COUNT:
        return COUNT_MEASURES.get(claim.detail), {}, "unknown count"
    return "growth_streak", {"grain": claim.detail or "quarter"}, ""


def verify(claims: list[Claim], runner: Runner) -> None:
    """Set ``query``, ``computed``, ``verdict`` and ``reason`` of every claim in place."""
    runner.prefetch([kw for kw, _ in map(build_query, claims) if kw is not None])
    for claim in claims:
        kw, why = build_query(claim)
        claim.query = kw
        if kw is None:
            claim.verdict, claim.reason = Verdict.UNVERIFIABLE, why
            continue
        value, why = runner.value(kw)
        if value is not None and runner.confidential(kw):  # never judged on a hidden value
            claim.verdict, claim.reason = Verdict.UNVERIFIABLE, CONFIDENTIAL
            continue
        claim.computed = value
        if value is None:
            claim.verdict = Verdict.UNVERIFIABLE
            claim.reason = why or "the engine gives no value (e.g. growth on a zero base)"
            continue
        _judge(claim, kw, runner, claims)


def _judge(claim: Claim, kw: dict[str, Any], runner: Runner, claims: list[Claim]) -> None:
    if claim.measure is Measure.STREAK:
        return _judge_streak(claim)
    if claim.measure is Measure.RANK:
        return _judge_record(claim, kw, runner)
    computed = to_decimal(claim.computed)
    assert computed is not None
    shown = _show(claim, computed)
    if holds(claim.stated, computed, claim.signed):
        claim.verdict, claim.reason = Verdict.SUPPORTED, f"computed {shown}"
        if claim.stated.unit == "USD":
            claim.reason += " (the dollar series: sum of declared dollar values)"
        return
    if claim.paired is not None and claim.stated.unit == "USD":
        return _judge_conversion(claim, claims[claim.paired], shown)
    claim.verdict = Verdict.CONTRADICTED
    if claim.stated.qualifier is Qualifier.EXACT:
        diff = in_scale(claim.stated, computed) - claim.signed / claim.stated.scale
        claim.reason = f"computed {shown}; stated {claim.text}, off by {diff:+}"
    else:
        hedge = claim.stated.qualifier.value.replace("_", " ")
        claim.reason = f"computed {shown}, which is not '{hedge}' the stated {claim.text}"
    claim.reason += _why_miss(claim, kw, runner)


def _show(claim: Claim, computed: Decimal) -> str:
    unit = {"CNY": " yuan", "USD": " dollars", "percent": " %", "pp": " pp"}.get(
        claim.stated.unit, ""
    )
    scale = {12: " trillion", 9: " billion", 6: " million"}.get(claim.stated.scale.adjusted(), "")
    if claim.stated.unit == "count":
        return f"{int(computed):,}"
    return f"{in_scale(claim.stated, computed)}{scale}{unit}"


def _judge_conversion(claim: Claim, source: Claim, shown: str) -> None:
    """A dollar figure in brackets after a yuan figure: a conversion at one (spot) rate."""
    rate = source.stated.amount / claim.stated.amount if claim.stated.amount else Decimal(0)
    claim.verdict = Verdict.UNVERIFIABLE
    claim.reason = (
        f"spot conversion: {source.text} / {claim.text} = {fmt_number(rate, 3)} yuan per dollar; "
        f"the official dollar series (sum of declared dollar values) gives {shown}, so this is "
        "the yuan figure at one rate, not the official dollar figure"
    )


def _why_miss(claim: Claim, kw: dict[str, Any], runner: Runner) -> str:
    """A likely cause of a miss: another base, dollars instead of yuan, the year before."""
    tries: list[tuple[str, dict[str, Any]]] = []
    if claim.measure in (Measure.SHARE, Measure.SHARE_CHANGE):
        parent = kw["parent"]["flow"]
        for alt in dict.fromkeys(("total", kw["flow"], "export", "import")):
            if alt != parent:
                label = f"the share of {_flow_name(alt)}: wrong base"
                tries.append((label, kw | {"parent": {"flow": alt}}))
    if claim.measure is Measure.YOY and kw.get("basis") == "value_cny":
        tries.append(("growth in dollars, not yuan", kw | {"basis": "value_usd"}))
    if claim.measure in (Measure.VALUE, Measure.YOY, Measure.SHARE):
        prev = shift_year(kw["period"], -1)
        tries.append((f"the figure for {prev}: wrong period", kw | {"period": prev}))
    for label, alt_kw in tries:
        value, _ = runner.value(alt_kw)
        alt = to_decimal(value)
        if alt is not None and holds(claim.stated, alt, claim.signed):
            return f"; it matches {label} ({_show(claim, alt)})"
    return ""


def _flow_name(flow: str) -> str:
    return {"total": "total trade", "export": "exports", "import": "imports"}.get(flow, flow)


def _judge_streak(claim: Claim) -> None:
    """The run of growth ends at the claim's period; "since the second quarter" fixes where it
    starts, so "three quarters since Q2" in a year's release means Q2, Q3 and Q4 exactly."""
    n, computed = int(claim.stated.value), int(claim.computed)
    unit = claim.detail or "quarter"
    last = _last_bucket(claim.period or "", unit)
    ok = computed == n if claim.since else computed >= n
    if claim.since and last is not None:
        ok = ok and last - n + 1 == claim.since
    claim.verdict = Verdict.SUPPORTED if ok else Verdict.CONTRADICTED
    start = f", from {unit} {last - computed + 1}" if last and computed else ""
    claim.reason = f"computed {computed} consecutive {unit}s of growth up to {claim.period}{start}"
    if not ok:
        since = f" since {unit} {claim.since}" if claim.since else ""
        claim.reason += f"; stated {n}{since}"


def _last_bucket(period: str, unit: str) -> int | None:
    """The last quarter (1-4) or month (1-12) of a period, None when it cannot be read."""
    from tradestats.indicators.periods import parse_period

    try:
        month = int(parse_period(period).months()[-1][5:7])
    except Exception:
        return None
    return (month + 2) // 3 if unit == "quarter" else month


def _judge_record(claim: Claim, kw: dict[str, Any], runner: Runner) -> None:
    """A record high: the value beats the same period of every earlier year in the store."""
    current = to_decimal(claim.computed)
    earlier: list[tuple[str, Decimal]] = []
    for period in runner.earlier(kw["period"]):
        value = to_decimal(runner.value(kw | {"period": period})[0])
        if value is not None:
            earlier.append((period, value))
    if not earlier or current is None:
        claim.verdict = Verdict.UNVERIFIABLE
        claim.reason = "the store has no earlier year to compare with"
        return
    beaten = [p for p, v in earlier if v >= current]
    claim.verdict = Verdict.CONTRADICTED if beaten else Verdict.SUPPORTED
    span = f"{earlier[0][0]}..{kw['period']}"
    claim.reason = (
        f"{kw['period']} is below {', '.join(beaten)}" if beaten
        else f"{kw['period']} is the highest of the periods in the store ({span})"
    )  # fmt: skip
