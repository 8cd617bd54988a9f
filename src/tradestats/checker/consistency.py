"""Checks of a text against itself, needing no data.

Figures are compared as intervals (each stated figure covers half a unit of its last digit),
so a check fails only when no set of unrounded figures could make the text true:

- ``parts_sum``: total trade = exports + imports; ``balance``: surplus = exports - imports;
- ``share_base``: a share against the stated part and whole, and against the other bases
  (a share of exports reported as a share of total trade, and vice versa);
- ``growth_levels``: a growth rate against the two levels stated for it ("from X to Y");
- ``change_growth``: a change in level against its growth rate and a level ("rose by 120
  billion yuan, or 5.2 %, to 2.4 trillion": 120 / (2,400 - 120) = 5.3 %), and against both
  levels ("up 1.68 trillion from 23.77 trillion": the new level less the old);
- ``parts_growth``: total growth against the growth of exports and of imports;
- ``exchange_rate``: the rate each yuan/dollar pair implies, whether pairs agree, and that a
  bracketed dollar figure is a spot conversion of the yuan figure;
- ``mixed_currency``: a growth rate in dollars beside levels in yuan;
- ``weekday``: a date against the weekday the text gives it (``weekdays``).

Example:
    >>> from tradestats.checker import extract_claims
    >>> text = "In 2025 exports were 3.00 trillion yuan and imports 2.00 trillion yuan; " \\
    ...        "total trade reached 5.20 trillion yuan."
    >>> [(f.check, f.ok) for f in consistency(extract_claims(text), text)]
    [('parts_sum', False)]
"""

from __future__ import annotations

from decimal import Decimal

from tradestats.checker.book import Book, Span, bounds, span
from tradestats.checker.model import Claim, Finding, Measure
from tradestats.checker.numbers import fmt_number
from tradestats.checker.parts import part_whole, share_change, share_sum
from tradestats.checker.rates import exchange_rates, mixed_currency
from tradestats.checker.resolve import shift_year
from tradestats.checker.weekdays import weekdays

FLOW_NAMES = {"total": "total trade", "export": "exports", "import": "imports"}


def consistency(claims: list[Claim], text: str = "", article_date: str | None = None
                ) -> list[Finding]:  # fmt: skip
    """Every consistency finding for a list of resolved claims (see the module docstring);
    ``article_date`` gives the year of a weekday's date written without one."""
    book = Book(claims, text)
    out: list[Finding] = []
    for check in (_parts_sum, _balance, _share_base, _growth_levels, _change_growth,
                  _parts_growth, exchange_rates, mixed_currency, part_whole, share_sum,
                  share_change):  # fmt: skip
        out.extend(f for f in check(book) if f.message not in {o.message for o in out})
    return _without_echoes(out) + weekdays(text, article_date)


def _without_echoes(findings: list[Finding]) -> list[Finding]:
    """Drop a failed total-growth check on levels whose sum already failed: one wrong level
    is one error, reported once where it shows (the sum), not again in every rate it feeds."""
    failed_levels = {i for f in findings if f.check == "parts_sum" and not f.ok
                     for i in f.claims}  # fmt: skip
    return [f for f in findings
            if f.ok or f.check != "parts_growth" or not failed_levels & set(f.claims)]  # fmt: skip


def _trillions(s: Span) -> str:
    return fmt_number(s.mid() / Decimal(10) ** 12, 3)


def _parts_sum(book: Book) -> list[Finding]:
    out = []
    for t in (c for c in book.values_any() if c.subject.flow == "total" and not c.role):
        unit = t.stated.unit
        e = book.same(t, Measure.VALUE, "export", unit=unit)
        i = book.same(t, Measure.VALUE, "import", unit=unit)
        total = bounds(t)
        if e and i and total is not None and book.local(e, i, t):
            parts = span(e) + span(i)  # type: ignore[operator]
            ok = total.meets(parts)
            msg = (f"exports + imports = {e.text} + {i.text} = about {_trillions(parts)} trillion;"
                   f" total stated {t.text}")  # fmt: skip
            out.append(Finding("parts_sum", ok, msg, book.ids(e, i, t)))
    return out


def _balance(book: Book) -> list[Finding]:
    out = []
    for b in (c for c in book.values_any() if c.subject.flow == "balance"):
        unit = b.stated.unit
        e = book.same(b, Measure.VALUE, "export", unit=unit)
        i = book.same(b, Measure.VALUE, "import", unit=unit)
        stated = span(b)
        if e and i and stated is not None and book.local(e, i, b):
            diff = span(e) - span(i)  # type: ignore[operator]
            word = "surplus"
            if book.deficit(b):  # a deficit of 5 is a balance of -5, whatever the direction word
                size = sorted((abs(stated.lo), abs(stated.hi)))  # "fell into a deficit" is
                stated, word = Span(-size[1], -size[0]), "deficit"  # signed already: not twice
            ok = stated.meets(diff)
            msg = f"exports - imports = about {_trillions(diff)} trillion; {word} stated {b.text}"
            out.append(Finding("balance", ok, msg, book.ids(e, i, b)))
    return out


def _share_base(book: Book) -> list[Finding]:
    out = []
    for s in (c for c in book.claims if c.measure is Measure.SHARE and span(c)):
        parts = (book.same(s, Measure.VALUE, s.subject.flow, unit=u) for u in ("CNY", "USD", "EUR"))
        part = next((p for p in parts if p), None)
        if part is None:
            continue
        implied: dict[str, tuple[Claim, Span]] = {}
        for base in ("total", "export", "import"):
            whole = book.same(s, Measure.VALUE, base, dims={}, unit=part.stated.unit)
            if whole is not None and whole is not part and book.local(s, part, whole):
                implied[base] = (whole, span(part) / span(whole) * 100)  # type: ignore[operator]
        implied = {b: v for b, v in implied.items() if v[1].lo <= 100}  # a part within its whole
        if finding := _share_finding(book, s, part, implied):
            out.append(finding)
    return out


def _share_finding(book: Book, s: Claim, part: Claim,
                   implied: dict[str, tuple[Claim, Span]]) -> Finding | None:  # fmt: skip
    """A share against its stated base, and against the others. Without its own whole in the
    text a share is flagged only when another whole gives it exactly (the wrong-base error);
    a share that fits no stated whole may be of a whole the text does not give."""
    stated_base = s.subject.parent_flow or s.subject.flow or "total"
    share = span(s)
    assert share is not None
    fits = [b for b, (_, sp) in implied.items() if sp.meets(share)]
    base_name = FLOW_NAMES.get(stated_base, stated_base)
    if stated_base not in implied and not fits:
        return None
    if stated_base in fits or (stated_base in implied and not fits):
        ok = stated_base in fits
        msg = f"{s.text} of {base_name}: {part.text} / whole gives " + ", ".join(
            f"{fmt_number(sp.mid(), 1)} % of {FLOW_NAMES[b]}" for b, (_, sp) in implied.items()
        )
    else:
        ok = False
        sp = implied[stated_base][1] if stated_base in implied else None
        got = f"{fmt_number(sp.mid(), 1)} %" if sp else "unknown"
        other = ", ".join(f"{FLOW_NAMES[b]} ({fmt_number(implied[b][1].mid(), 1)} %)" for b in fits)
        msg = (f"wrong base: {s.text} is stated as a share of {base_name} (that gives {got}) but "
               f"matches the share of {other}")  # fmt: skip
    wholes = [w for w, _ in implied.values()]
    return Finding("share_base", ok, msg, book.ids(s, part, *wholes))


def _growth_levels(book: Book) -> list[Finding]:
    out = []
    for g in (c for c in book.claims if c.measure is Measure.YOY and span(c)):
        unit = Book.unit(g)
        now = book.same(g, Measure.VALUE, g.subject.flow, unit=unit)
        prior = shift_year(g.period, -1) if g.period else None
        before = book.same(g, Measure.VALUE, g.subject.flow, period=prior, unit=unit,
                           role="previous")  # fmt: skip
        if now and before and before.sentence == g.sentence:
            implied = (span(now) / span(before)) * 100  # type: ignore[operator]
            implied = Span(implied.lo - 100, implied.hi - 100)
            ok = implied.meets(span(g))  # type: ignore[arg-type]
            msg = (f"from {before.text} to {now.text} is {fmt_number(implied.mid(), 1)} % growth;"
                   f" stated {g.text}")  # fmt: skip
            out.append(Finding("growth_levels", ok, msg, book.ids(g, before, now)))
    return out


def _change_growth(book: Book) -> list[Finding]:
    """A change in level (``CHANGE``) against the growth rate and the levels of its sentence,
    same subject, period and currency. With the new level Y and the change D the rate is
    D / (Y - D); with the level before X it is D / X; with both levels D = Y - X. Each stated
    figure is an interval (its rounding), so the implied rate is an interval too: the rate
    rises with D and moves against Y, so its ends lie at the corners of the box of D and Y."""
    out = []
    for d in book.claims:
        change = span(d) if d.measure is Measure.CHANGE and d.direction else None
        if change is None or d.subject.flow not in FLOW_NAMES:
            continue  # (a balance's change: "narrowed by" is ambiguous in sign)
        unit, flow = d.stated.unit, d.subject.flow
        near = [c for c in (
            book.same(d, Measure.YOY, flow, unit=unit),
            book.same(d, Measure.VALUE, flow, unit=unit),
            book.same(d, Measure.VALUE, flow, unit=unit, role="previous",
                      period=shift_year(d.period, -1) if d.period else None),
        )]  # fmt: skip
        growth, now, before = (c if c is not None and c.sentence == d.sentence else None
                               for c in near)  # fmt: skip
        found = [c for c in (growth, now, before) if c is not None]
        if growth is None and not (now and before):
            continue
        facts, ok = [], True
        rate = span(growth) if growth is not None else None
        for level, is_new, word in ((now, True, "to"), (before, False, "from")):
            if rate is None or level is None or (lv := span(level)) is None:
                continue
            implied = _implied_rate(change, lv, is_new)
            if implied is None:
                continue
            fits = implied.meets(rate)
            ok = ok and fits
            facts.append(f"a change of {d.text} {word} {level.text} is {fmt_number(implied.lo, 2)}"
                         f" to {fmt_number(implied.hi, 2)} % growth")  # fmt: skip
            break  # the new level decides; the level before only when no new one is stated
        if now is not None and before is not None and (a := span(now)) and (b := span(before)):
            fits = (a - b).meets(change)
            ok = ok and fits
            facts.append(f"{now.text} - {before.text} = about {_trillions(a - b)} trillion")
        if not facts:
            continue
        fall = "a fall of " if growth is not None and growth.direction < 0 else ""
        stated = f"; stated {fall}{growth.text}" if growth is not None else ""
        msg = "; ".join(facts) + stated
        out.append(Finding("change_growth", ok, msg, book.ids(d, *found)))
    return out


def _implied_rate(change: Span, level: Span, is_new: bool) -> Span | None:
    """The growth rate in percent a change implies on a level: D / (Y - D) on the new level,
    D / X on the old one; None when the old level could be zero or less."""
    corners = []
    for dv in (change.lo, change.hi):
        for lv in (level.lo, level.hi):
            base = lv - dv if is_new else lv
            if base <= 0:
                return None
            corners.append(dv / base * 100)
    return Span(min(corners), max(corners))


def _parts_growth(book: Book) -> list[Finding]:
    out = []
    for gt in (c for c in book.claims if c.measure is Measure.YOY and c.subject.flow == "total"):
        unit = Book.unit(gt)
        parts = [(book.same(gt, Measure.VALUE, f, unit=unit), book.same(gt, Measure.YOY, f))
                 for f in ("export", "import")]  # fmt: skip
        found = [c for pair in parts for c in pair if c]
        if len(found) < 4 or span(gt) is None or not book.local(gt, *found):
            continue
        now = Span(Decimal(0), Decimal(0))
        prior = Span(Decimal(0), Decimal(0))
        for v, g in parts:
            level, growth = span(v), span(g)  # type: ignore[arg-type]
            now = now + level  # type: ignore[operator]
            prior = prior + level / Span(1 + growth.lo / 100, 1 + growth.hi / 100)  # type: ignore[operator,union-attr]
        implied = now / prior * 100
        implied = Span(implied.lo - 100, implied.hi - 100)
        ok = implied.meets(span(gt))  # type: ignore[arg-type]
        msg = (
            f"exports and imports and their growth imply total growth of "
            f"{fmt_number(implied.lo, 2)} to {fmt_number(implied.hi, 2)} %; stated {gt.text}"
        )
        out.append(Finding("parts_growth", ok, msg, book.ids(gt, *found)))
    return out
