"""Decide what each claim is about: subject, reporter, basis and period, with the reasons.

The text is read sentence by sentence (Chinese through its simplified copy, offsets equal):

- periods (``timeref``): a claim takes the period of its own clause (nearest before, else
  after), else of its sentence, else the one carried from the previous sentence; bases of
  comparisons ("since 2000", "比一季度") are never its period; a new paragraph goes back to the
  text's main period (the lead's, or a longer span from January named later, such as the
  full year after a December figure); a sub-period does not carry into a sentence that turns
  to a new kind of subject ("In the first half, imports fell. Private firms ...");
- subjects (``subjects``), lists paired "respectively" / 分别 (``lists``);
- reporters and bases (``reporters``);
- then: the share's base becomes the part's flow when the sentence names no other ("Private
  firms made up 57 % of exports"), a level after "from" is the year before, a rate over two
  or more years is not year-on-year, a figure for a period not yet over is a forecast.

Example:
    >>> from tradestats.checker.extract import extract
    >>> text = "In 2025, exports to ASEAN rose 8 percent, while imports fell 2 percent."
    >>> claims = extract(text)
    >>> resolve(text, claims, article_date="2026-01-14")
    >>> [(c.subject.flow, c.subject.partner, c.period) for c in claims]
    [('export', 'asean', '2025'), ('import', None, '2025')]
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import replace

from tradestats.checker import reporters
from tradestats.checker.kinds import clause_bounds
from tradestats.checker.kinds import sentence_bounds as kinds_sentence
from tradestats.checker.lexicon import Lexicon, Term
from tradestats.checker.lists import pair_lists
from tradestats.checker.model import Claim, Measure, Subject
from tradestats.checker.subjects import read_sentence
from tradestats.checker.text import blank, mask_asides, mask_dates, sentences
from tradestats.checker.timeref import PeriodRef, cumulative, find_periods, last_month, months_of
from tradestats.checker.zhtext import simplify

_BASE = re.compile(
    r"\b(?:of|in)\s+(?:the\s+)?(?P<poss>(?:country|nation|china|eu|bloc)'s\s+)?(?P<tot>total\s+|"
    r"overall\s+|extra-eu\s+)?(?:value\s+of\s+)?(?P<b>foreign\s+trade|trade|imports?\s+and\s+"
    r"exports?|exports?\s+and\s+imports?|exports?|imports?|进出口|出口|进口)(?:\s+(?:value|volume))?",
    re.I,
)
_BASE_ZH = re.compile(
    r"(?:占|相等于)(?:我国|全国)?总?(?P<b>出口与进口|外贸|进出口|商品进口货值|商品出口货值|出口|"
    r"进口)(?:总值|总额|货值)?"
)
# What a rate is compared with or contributes to is not its subject: "outpacing overall export
# growth by 6.8 points", "faster than overall trade", "boosting total export growth by 1.8".
_COMPARED = re.compile(
    r"\b(?:outpac\w*|boost\w*|lift\w*|push\w*|drag\w*|pull\w*|driv\w*|contribut\w*\s+to|"
    r"(?:faster|slower|higher|lower|more|less)\s+than|above|below)\s+(?:that\s+of\s+)?"
    r"(?P<b>(?:the\s+)?(?:country's\s+|china's\s+|the\s+nation's\s+)?(?:overall|total|national)"
    r"\s+(?:foreign\s+)?(?:exports?|imports?|trade)(?:\s+growth)?)\b",
    re.I,
)
# A share of the world market is a share of world exports: world data, not the reporter's.
_WORLD_BASE = re.compile(
    r"\b(?:share|shares|proportion)\s+(?:of|in)\s+(?:the\s+)?(?:international|world|global)\s+"
    r"(?P<w>markets?|exports?|imports?|trade)\b|(?:国际市场|全球)份额", re.I)  # fmt: skip
_ADJACENT = re.compile(r"\s*(?:in|for|during|over|of)?\s*", re.I)
_LEVEL_CUE = re.compile(r"\b(?:value|volume)\s*$", re.I)
_BASE_CUE = re.compile(r"(?:percent|%|share|proportion|weight)\W*\s*$", re.I)
# 元 in a text that Taiwan or Hong Kong reports is their dollar, not the yuan.
LOCAL_YUAN = {"TWN": "TWD", "HKG": "HKD"}
_RMB = re.compile(r"人民币|以人民币计|RMB|renminbi", re.I)
RATE_MEASURES = (Measure.YOY, Measure.QOQ, Measure.MOM, Measure.CAGR, Measure.MULTI_YEAR,
                 Measure.CONTRIBUTION, Measure.SHARE, Measure.SHARE_CHANGE)  # fmt: skip


def resolve(
    text: str, claims: list[Claim], lexicon: Lexicon | None = None, article_date: str | None = None
) -> None:
    """Fill subject, period and their reasons for every claim in place (never raises)."""
    Reader(text, claims, lexicon or Lexicon.build(), article_date).run()


class Reader:
    """One pass over a text, carrying the subject, reporter and period from sentence to
    sentence."""

    def __init__(self, text: str, claims: list[Claim], lex: Lexicon, date: str | None) -> None:
        self.text, self.claims, self.lex, self.date = text, claims, lex, date
        self.work = simplify(mask_asides(mask_dates(text)))
        bases = [m for m in _BASE.finditer(self.work) if self._is_base(m)]
        self.bases = sorted(bases + list(_BASE_ZH.finditer(self.work)), key=lambda m: m.start())
        compared = [m.span("b") for m in _COMPARED.finditer(self.work)]
        self.plain = blank(self.work, [(m.start(), m.end()) for m in self.bases] + compared)
        self.sentences = sentences(text)
        self.home = reporters.home_reporter(self.work, lex, self.sentences, text)
        currencies = {self._local(c, self.home) or c.stated.unit for c in claims
                      if c.measure is Measure.VALUE}  # fmt: skip
        only = next(iter(currencies)) if len(currencies) == 1 else None
        self.single = f"value_{only.lower()}" if only else None
        self.doc_basis: str | None = None
        self.main: str | None = None  # the text's main period
        self.carry: str | None = None  # the period the previous sentence was about
        self.bases_of: dict[int, list[PeriodRef]] = {}

    def _is_base(self, m: re.Match[str]) -> bool:
        """'of total exports', "of the country's trade", 'percent of exports': a share's base."""
        before = self.work[max(0, m.start() - 25) : m.start()]
        if _LEVEL_CUE.search(before):
            return False  # "the total value of China's imports and exports was ...": a level
        return bool(m["tot"] or m["poss"] or _BASE_CUE.search(before))

    def run(self) -> None:
        state, reporter, prev_end, last_list = Subject(reporter=self.home), self.home, 0, None
        prev_kinds: set[str] = set()
        starts = [c.start for c in self.claims]
        for s, e in self.sentences:
            new_paragraph = "\n" in self.text[prev_end:s]
            if new_paragraph:
                state, reporter = Subject(reporter=self.home), self.home
                self.carry = self.main
            prev_end = e
            inside = self.claims[bisect.bisect_left(starts, s) : bisect.bisect_left(starts, e)]
            refs = self._periods(s, e, inside)
            found_plain = self.lex.find(self.plain, s, e)
            kinds = {t.dim for t in found_plain if t.dim in Subject.DIMS}
            if (not new_paragraph and self.carry != self.main and kinds - prev_kinds
                    and not [r for r in refs if r.period and not r.base]):  # fmt: skip
                self.carry = self.main  # "In the first half, imports fell. Private firms ..."
            for c in inside:
                self._set_period(c, refs, s, e)
            own = [r for r in refs if r.period and not r.base]
            if own:
                self.carry = own[-1].period
                self._update_main(own)
            state = read_sentence(self.plain, self.lex, s, e, inside, state, found_plain)
            found_work = reporters.usable(self.lex.find(self.work, s, e), self.text)
            reporter = reporters.assign(self.work, found_work, s, e, inside, reporter, self.home)
            reporters.buyers(self.work, found_work, e, inside, self.home)
            state.reporter = reporter
            for c in inside:
                self._local_currency(c)
            last_list = pair_lists(self.work, self.lex, s, e, inside, refs, last_list)
            levels = [v for v in inside if v.measure in (Measure.VALUE, Measure.QUANTITY)]
            for c in inside:
                self._share_base(c, s, found_plain)
                self._basis(c, s, e, levels)
            if inside:
                prev_kinds = kinds
        _pair_currencies(self.text, self.claims)
        _quantity_records(self.text, self.claims)
        self._headline_restated()
        for c in self.claims:
            self._finish(c)

    def _headline_restated(self) -> None:
        """A rate in the headline that the body states again (same measure, number, subject and
        period) takes the basis the body gives it: "出口按年增21.8%" over "以美元计，... 出口按年
        增长21.8%" is a dollar growth, though the headline names no currency."""
        cut = self.text.find("\n\n")
        if cut < 0:
            return
        head = [c for c in self.claims if c.end <= cut and c.measure in RATE_MEASURES]
        body = [c for c in self.claims if c.start > cut and c.measure in RATE_MEASURES]
        for h in head:
            same = next((b for b in body if b.measure is h.measure and b.signed == h.signed
                         and b.period == h.period and b.subject.flow == h.subject.flow
                         and b.subject.dims() == h.subject.dims()
                         and b.subject.reporter == h.subject.reporter), None)  # fmt: skip
            if same is not None and same.subject.basis != h.subject.basis:
                h.subject.basis = same.subject.basis
                h.why.append(f"basis {h.subject.basis}: the body states {same.text} so")

    # -- periods ----------------------------------------------------------------------------

    def _periods(self, s: int, e: int, inside: list[Claim]) -> list[PeriodRef]:
        """Periods of a sentence; a streak's start ("since the second quarter of 2025") gives
        only its year, so the quarter does not become the period of the other claims."""
        carry_year = int(self.carry[:4]) if self.carry and self.carry[:4].isdigit() else None
        streaks = [(c.start, c.end) for c in inside if c.measure is Measure.STREAK]
        out = []
        for r in find_periods(self.work, self.date, s, e, carry_year):
            if any(a <= r.start < b for a, b in streaks) and r.period:
                r = replace(r, period=r.period[:4], year_only=True, base=False)
            out.append(r)
        return out

    def _update_main(self, own: list[PeriodRef]) -> None:
        for r in own:
            if self.main is None or (
                cumulative(r.period) and months_of(r.period) >= months_of(self.main)
            ):
                self.main = r.period

    def _set_period(self, c: Claim, refs: list[PeriodRef], s: int, e: int) -> None:
        own = [r for r in refs if r.period and not r.base]
        self.bases_of[id(c)] = [r for r in refs if r.base and r.period and r.figure is None]
        dated = [r for r in refs if r.period and r.figure is not None
                 and c.start <= r.figure < c.end]  # fmt: skip
        if dated:
            c.period = dated[0].period
            phrase = self.text[dated[0].start : dated[0].end]
            c.why.append(f"period {c.period}: '{phrase}' dates this figure of comparison")
            c.notes.append("own period")
            return
        if c.measure is Measure.STREAK:
            inner = [r for r in own if c.start <= r.start < c.end]
            if inner:
                c.period = inner[-1].period
                c.why.append(f"period {c.period}: the year of the streak's start")
                return
        if c.measure in (Measure.CAGR, Measure.MULTI_YEAR) and own:
            r = max(own, key=lambda r: (r.period or "")[-7:])
            c.period = r.period
            c.why.append(f"period {c.period}: the end of the span the rate covers")
            return
        cs, ce = clause_bounds(self.work, c.start, c.end)
        same = [r for r in own if cs <= r.start < ce]
        for pool, where in ((same, "its clause"), (own, "its sentence")):
            before = [r for r in pool if r.end <= c.start]
            after = [r for r in pool if r.start >= c.end]
            pick = before[-1] if before else (after[0] if after else None)
            if (
                before
                and after
                and self._owns(after[0], c)
                and any(self._owns(before[-1], x) for x in self.claims if x is not c)
            ):
                pick = after[0]  # "rose 6.6 % in December and 5.5 % for the year"
            if pick is not None:
                c.period = pick.period
                phrase = self.text[pick.start : pick.end]
                c.why.append(f"period {c.period}: '{phrase}' in {where}")
                if where == "its clause":
                    c.notes.append("own period")  # a "from" level with its own period stays
                return
        c.period = self.carry
        if c.period:
            c.why.append(f"period {c.period}: carried from the text before")
        elif self.date:
            c.why.append("no period: the text names none for this figure")
        else:
            c.why.append("no period: the text names none and no article date is known")

    def _owns(self, r: PeriodRef, c: Claim) -> bool:
        """Whether period ``r`` follows figure ``c`` directly ("5.5 % for the year")."""
        return r.start >= c.end and bool(_ADJACENT.fullmatch(self.work, c.end, r.start))

    # -- money ------------------------------------------------------------------------------

    def _local(self, c: Claim, reporter: str) -> str | None:
        """The currency a plain 元 stands for in a text reported by Taiwan (新臺幣) or Hong Kong
        (港元); None when the figure is in yuan after all (人民币, 以人民币计) or names its own
        currency (美元)."""
        local = LOCAL_YUAN.get(reporter)
        if (local is None or c.measure is not Measure.VALUE or c.lang != "zh"
                or c.stated.unit != "CNY" or not c.text.endswith(("元", "圓"))):  # fmt: skip
            return None
        s, e = kinds_sentence(self.work, c.start, c.end)
        if _RMB.search(self.work, s, e) or re.search(
            r"[美欧日港台韩]元$", self.work[c.start : c.end]
        ):
            return None
        return local

    def _local_currency(self, c: Claim) -> None:
        local = self._local(c, c.subject.reporter)
        if local is not None:
            c.stated = replace(c.stated, unit=local)
            c.why.append(f"in {local}: 元 in figures reported by {c.subject.reporter}")

    # -- shares and bases -------------------------------------------------------------------

    def _share_base(self, c: Claim, s: int, found: list[Term]) -> None:
        if c.measure not in (Measure.SHARE, Measure.SHARE_CHANGE) or c.subject.topic != "trade":
            return
        ce = clause_bounds(self.work, c.start, c.end)[1]
        world = _WORLD_BASE.search(self.work, s, max(ce, c.end))
        if world is not None:
            flow = "import" if world["w"].lower().startswith("import") else "export"
            c.subject.reporter, c.subject.flow, c.subject.parent_flow = "WLD", flow, flow
            c.subject.partner = None
            c.why.append(f"a share of the world's {flow}s ('{world[0]}'): world data, not China's")
            return
        base = _nearest_base(self.bases, c)
        c.subject.parent_flow = base
        named = [t for t in found if t.dim == "flow" and s <= t.start < c.start]
        if base in ("export", "import") and not named and c.subject.flow != base:
            c.subject.flow = base  # "Private firms made up 57 % of exports": their exports
            c.why.append(f"flow {base}: the share's base")
        elif base == "total" and c.subject.flow is None:
            c.subject.flow = base  # "Private firms' share of total trade": their trade
            c.why.append("flow total: the share's base")

    def _basis(self, c: Claim, s: int, e: int, levels: list[Claim]) -> None:
        """The basis of a rate (CNY or USD values, quantities) from the sentence's levels."""
        if c.measure not in RATE_MEASURES or c.subject.topic != "trade":
            return
        clause = clause_bounds(self.work, c.start, c.end)
        home = c.subject.reporter == self.home
        default = (self.doc_basis or self.single or reporters.reporter_basis(self.home)) if home \
            else reporters.reporter_basis(c.subject.reporter)  # fmt: skip
        found = reporters.basis(self.work, c, clause, (s, e), levels, "")
        c.subject.basis = found or default
        if found and home and self.doc_basis is None and found.startswith("value_"):
            self.doc_basis = found
        if c.subject.basis != "value_cny":
            c.why.append(f"basis {c.subject.basis}")

    # -- last touches -------------------------------------------------------------------------

    def _finish(self, c: Claim) -> None:
        if c.subject.trade_mode and c.subject.flow is None and c.subject.topic == "trade":
            c.subject.flow = "total"  # "General trade grew 3.6 %": its imports and exports
            c.why.append("flow total: a trade mode's figure is its imports and exports together")
        if (c.measure in (Measure.SHARE, Measure.SHARE_CHANGE) and c.subject.flow is None
                and c.subject.parent_flow == "total" and c.subject.topic == "trade"):  # fmt: skip
            c.subject.flow = "total"  # "... accounted for 35.7 % and 16.4 %, respectively"
            c.why.append("flow total: the share's base")
        if c.role == "previous" and c.period and "own period" not in c.notes:
            c.period = shift_year(c.period, -1)  # "rose 5 % to Y from X": X is a year earlier
            c.why.append(f"period {c.period}: a level 'from' which the figure grew")
        year = int(c.period[:4]) if c.period and c.period[:4].isdigit() else None
        bases = [r for r in self.bases_of.get(id(c), []) if r.period and r.period[:4].isdigit()]
        base_years = [int(p) for r in bases if (p := r.period or "") and len(p) == 4]
        if year and c.measure is Measure.YOY and any(b <= year - 2 for b in base_years):
            c.measure = Measure.MULTI_YEAR
        if year and c.measure is Measure.MULTI_YEAR and base_years and \
                all(b == year - 1 for b in base_years):  # fmt: skip
            c.measure = Measure.YOY  # "compared with 2023", in a text about 2024
        if c.measure is Measure.MOM and c.period and "-Q" in c.period:
            c.measure = Measure.QOQ  # 环比 of a quarter
        if self._future(c.period) and c.subject.topic == "trade":
            c.subject = Subject(topic="forecast")
            c.why.append(f"a forecast: {c.period} was not over on {self.date}")
            if c.measure is not Measure.RANK:
                c.measure = Measure.OTHER

    def _future(self, period: str | None) -> bool:
        if not period or not self.date:
            return False
        end = last_month(period)
        return end is not None and end >= self.date[:7]


def _nearest_base(bases: list[re.Match[str]], claim: Claim) -> str | None:
    """The base phrase closest to a share claim (within 80 characters either side)."""
    i = bisect.bisect_left([m.start() for m in bases], claim.start)
    near = [m for m in bases[max(0, i - 2) : i + 2]
            if abs(m.start() - claim.end) < 80 or abs(claim.start - m.end()) < 80]  # fmt: skip
    if not near:
        return None
    best = min(near, key=lambda m: min(abs(m.start() - claim.end), abs(claim.start - m.end())))
    return _flow_word(best["b"])


def _flow_word(word: str) -> str:
    w = word.lower()
    if ("import" in w and "export" in w) or "trade" in w or w in ("进出口", "外贸", "出口与进口"):
        return "total"
    return "export" if ("export" in w or "出口" in w) else "import"


def _pair_currencies(text: str, claims: list[Claim]) -> None:
    """'45.47 trillion yuan ($6.51 trillion)': the second converts the first; same subject."""
    for i in range(1, len(claims)):
        a, b = claims[i - 1], claims[i]
        if a.measure is b.measure is Measure.VALUE and a.stated.unit != b.stated.unit:
            gap = text[a.end : b.start]
            if re.fullmatch(r"\s*[(（]\s*(?:or\s+|about\s+|around\s+|约合?|折合)?", gap):
                b.paired = i - 1
                b.subject = replace(a.subject)
                b.period = a.period


def _quantity_records(text: str, claims: list[Claim]) -> None:
    """'rose 7.6 % to a record 62,585 metric tons': the record is one of quantity."""
    for a, b in itertools.pairwise(claims):
        if (a.measure is Measure.RANK and b.measure is Measure.QUANTITY
                and re.fullmatch(r"\s*(?:high\s+)?(?:of\s+)?", text[a.end : b.start])):  # fmt: skip
            a.subject.basis = "quantity"
            a.why.append(f"basis quantity: the record is {b.text}")


def shift_year(period: str, years: int) -> str:
    """The same period ``years`` later (negative: earlier).

    >>> shift_year("2025-01..2025-11", -1)
    '2024-01..2024-11'
    """
    return re.sub(r"(?<!\d)(\d{4})(?!\d)", lambda m: str(int(m[1]) + years), period)
