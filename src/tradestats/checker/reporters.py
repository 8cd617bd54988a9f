"""Whose statistics a claim quotes (its reporter) and what it is measured in (its basis).

Reporter: the text's own unless it says otherwise. Another economy reports when it stands in
the subject place of a flow ("the EU's imports", "US imports from China", "Germany exported",
"Japan's exports", 欧盟自中国进口, 美国对华贸易逆差) or when its statistics office is quoted
("according to Eurostat", "US Census Bureau data", 据欧盟统计局). China then becomes the
partner of the clause when the clause names it (before the figure, or after it in its own
clause). An economy after a preposition, or later in a list a preposition opens (对东盟、欧盟、
韩国进出口), and a two-sided name (中欧贸易, China-EU trade) is a partner, never a reporter.

The text's own reporter is the first one its opening lines name (a Eurostat release reports
for the EU, 財政部 in traditional script for Taiwan, 臺灣出口 ...), else the one its script
and money say (a traditional-script text in 新臺幣 or dated in 民國 years is Taiwan's), else
China; 我国 and "the country" are that reporter, whoever it is. Every paragraph starts with it
again. A figure of another reporter is never checked against China's data.

Basis: what a growth rate is computed on. The clause or sentence may say ("in dollar terms",
以美元计, "in volume terms", 进口量, 均价); else the level stated with the rate ("rose 5.9 % to
$3.58 trillion", "up 6.5 % ... 111.8 million tons"); else the basis of the text's lead, or
its only currency, or the reporter's currency.

Example:
    >>> from tradestats.checker import extract_claims
    >>> c = extract_claims("EU imports from China fell 0.5% in 2024, Eurostat said.")[0]
    >>> (c.subject.reporter, c.subject.partner, c.subject.flow, c.subject.basis)
    ('eu27', 'CHN', 'import', 'value_eur')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from tradestats.checker.kinds import clause_bounds
from tradestats.checker.lexicon import Lexicon, Term, phrase_key, terms
from tradestats.checker.model import Claim, Measure
from tradestats.checker.zhtext import simplify, traditional

ECONOMY_DIMS = ("partner", "china")
_ADJ = r"(?:\s+(?:goods|merchandise|international|overall|total|outbound|foreign|trade))*\s*"
_VERBS = re.compile(r"\b(?:exported|imported|shipped|reported|posted|recorded|ran|bought|sold|"
                    r"booked)\b", re.I)  # fmt: skip
_EXPORTER = re.compile(r"\A\s+(?:was|is|remained|became|stayed)\s+(?:the\s+)?(?:world's\s+)?"
                       r"(?:\w+\s+){0,2}?(?:exporter|importer|trader)", re.I)  # fmt: skip
_PREP_BEFORE = re.compile(r"(?:\b(?:to|from|with|for|of|on|in|into|against|and|by)|对|自|向|与|同"
                          r"|从|输往|往)\s*(?:the\s+)?$", re.I)  # fmt: skip
_ZH_TO_CHINA = re.compile(r"\A\s*(?:对|自|从|向)(?:中国|华|我国)")
_ZH_PREP = frozenset("对自从向往")  # a term that starts with one (对美, 自华) names a partner
# A later item of a list that a preposition opens: 对东盟、欧盟、美国 ... 韩国进出口.
_ZH_LIST_AFTER_PREP = re.compile(
    r"(?:对|自|从|向|与|同|输往)[\u4e00-\u9fff]{1,10}"
    r"(?:(?:、|和|及|与|以及)[\u4e00-\u9fff]{1,10})*(?:、|和|及|与|以及)$"
)
# Taiwan's money and calendar in a traditional-script text: 新臺幣, 民國 114年.
_TAIWAN_CUES = re.compile(r"新台币|台币|民国|(?<![\d.])1[01]\d年(?!代)")
# fmt: off
BASIS_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("value_usd", re.compile(r"\bin\s+(?:U\.?S\.?\s+|US\s+)?dollar\s+terms|\bin\s+(?:US\s+)?"
                             r"dollars\b|\bdollar-denominated|\bmeasured\s+in\s+dollars|"
                             r"以美元计|按美元计", re.I)),
    ("value_cny", re.compile(r"\bin\s+(?:yuan|RMB|renminbi)\s+terms|\bin\s+yuan\b|以人民币计|"
                             r"按人民币计", re.I)),
    ("value_eur", re.compile(r"\bin\s+euro\s+terms|\bin\s+euros\b|以欧元计", re.I)),
    ("value_jpy", re.compile(r"\bin\s+yen\s+terms|以日元计", re.I)),
    ("value_twd", re.compile(r"\bin\s+(?:New\s+Taiwan|NT)\s+dollar\s+terms|[以按]新?台币计", re.I)),
    ("value_hkd", re.compile(r"\bin\s+(?:Hong\s+Kong|HK)\s+dollar\s+terms|[以按]港[元币]计", re.I)),
    ("value_inr", re.compile(r"\bin\s+rupee\s+terms", re.I)),
    ("quantity", re.compile(r"\bin\s+volume\s+terms|\bby\s+volume\b|\bin\s+volume\b|\bin\s+"
                            r"quantity\b|\bin\s+terms\s+of\s+(?:volume|quantity)|\bin\s+quantity"
                            r"\s+terms|进口量|出口量|数量", re.I)),
    ("price", re.compile(r"\b(?:average|unit|import|export)\s+prices?\b|\bprices?\s+of\b|均价|价格",
                         re.I)),
]
# fmt: on
RATES = (
    Measure.YOY,
    Measure.QOQ,
    Measure.MOM,
    Measure.CAGR,
    Measure.MULTI_YEAR,
    Measure.CONTRIBUTION,
    Measure.STREAK,
    Measure.RANK,
)  # fmt: skip


def economies(found: Iterable[Term]) -> list[Term]:
    return [t for t in found if t.dim in ECONOMY_DIMS]


def _code(t: Term, home: str) -> str:
    if t.dim == "china":
        return home if t.value == "HOME" else "CHN"
    return t.value


def triggers(text: str, found: list[Term], s: int, e: int, home: str) -> list[tuple[int, str]]:
    """(position, reporter) where a sentence says who reports: possessive or adjunct economies
    before a flow, economies before a flow verb, Chinese 'X对华/自中国', quoted offices.
    ``found`` is the lexicon's terms of ``text[s:e]``."""
    flows = [t for t in found if t.dim == "flow"]
    out: list[tuple[int, str]] = []
    for t in economies(found):
        after = text[t.end : min(e, t.end + 40)]
        code = _code(t, home)
        possessive = after[:2] in ("'s", "’s")
        head = text[max(s, t.start - 12) : t.start]
        if possessive and re.search(r"\band\s+$", head):
            head = ""  # "South Korea's exports rose 12.7% and Taiwan's jumped 33.8%": an owner
        if home == "CHN" and _buys_chinese(text, t, e):
            continue  # "Brazil bought US$78 billion of Chinese goods": China's exports
        if (_PREP_BEFORE.search(head) or t.phrase[:1] in _ZH_PREP
                or _ZH_LIST_AFTER_PREP.search(text[max(s, t.start - 40) : t.start])
                or phrase_key(t.phrase) in _pairs()):  # fmt: skip
            continue  # "exports to the US", 对美出口, 对东盟、欧盟、韩国进出口, 中欧贸易: partners
        adjunct = any(f.start - t.end <= 30 and re.fullmatch(_ADJ, text[t.end : f.start], re.I)
                      for f in flows if f.start >= t.end)  # fmt: skip
        subject_verb = _VERBS.search(text, t.end, e) is not None and _subject_place(text, s, t)
        if (
            possessive
            or adjunct
            or _ZH_TO_CHINA.match(after)
            or _EXPORTER.match(after)
            or (subject_verb)
        ):
            out.append((t.start, code))
    for t in found:
        if t.dim == "source":
            out.append((t.start, t.value))
    return sorted(out)


# "Brazil, the region's biggest economy, bought US$78 billion of Chinese goods".
_BUYS_CHINESE = re.compile(
    r"\A(?:\s*,[^,]{0,60},)?\s*(?:bought|purchased|imported|took\s+in)\s+(?P<fig>[^.;,]{0,40}?)"
    r"\s+(?:worth\s+)?of\s+(?:Chinese|China's)\s+(?:goods|products|exports)\b", re.I)  # fmt: skip


def _buys_chinese(text: str, t: Term, e: int) -> re.Match[str] | None:
    """The purchase when economy ``t`` is the buyer of Chinese goods (the sentence's end ``e``)."""
    return _BUYS_CHINESE.match(text[t.end : e])


def buyers(text: str, found: list[Term], e: int, claims: list[Claim], home: str) -> None:
    """In China's statistics a partner's purchases of Chinese goods are China's exports to it:
    the figure's flow is export and the buyer its partner."""
    if home != "CHN":
        return
    for t in economies(found):
        m = _buys_chinese(text, t, e)
        if m is None or t.dim == "china":
            continue
        lo, hi = t.end + m.start("fig"), t.end + m.end("fig")
        for c in claims:
            if lo <= c.start < hi and c.measure is not Measure.OTHER:
                c.subject.flow, c.subject.partner = "export", t.value
                c.subject.reporter = home
                c.why.append(f"export to {t.value}: its purchases of Chinese goods")


def _subject_place(text: str, s: int, t: Term) -> bool:
    """An economy at the start of its clause or in a list there ("Germany (€96.4 billion) and
    Italy ... imported"), not after a preposition."""
    head = text[s : t.start]
    head = re.sub(r"\([^)]*\)|[,;:]|\band\b|\bthe\b|\bAmong\b[^,]*,", " ", head, flags=re.I)
    return not re.search(r"[A-Za-z\u4e00-\u9fff]{3,}", re.sub(r"\b[A-Z][\w.'-]*\b", " ", head))


def usable(found: list[Term], original: str) -> list[Term]:
    """``found`` without the offices whose name means another office in the other script:
    財政部 in traditional script is Taiwan's Ministry of Finance, which publishes Taiwan's
    trade statistics; 财政部 in simplified script is China's, which publishes none. ``found``
    are the terms of the simplified copy, ``original`` the text as written (same offsets)."""
    bound = _traditional_sources()
    return [t for t in found if not (t.dim == "source" and phrase_key(t.phrase) in bound
                                     and original[t.start : t.end] == t.phrase)]  # fmt: skip


def home_reporter(text: str, lex: Lexicon, sentences: list[tuple[int, int]],
                  original: str | None = None) -> str:  # fmt: skip
    """The reporter of the whole text: the first one its opening sentences name (an office,
    an economy in the subject place: 財政部, 臺灣出口), else the one its script and money
    say (a traditional-script text in 新臺幣 or dated in 民國 years is Taiwan's), else CHN.
    我国 or "the country" first is the text's own reporter, whoever it is: an office named in
    the opening then says who (我國出口 ... 財政部關務署: Taiwan). ``text`` is the simplified
    copy, ``original`` the text as written."""
    original = text if original is None else original
    first: str | None = None
    offices: list[str] = []
    for s, e in sentences[:6]:
        found = usable(lex.find(text, s, e), original)
        offices += [t.value for t in found if t.dim == "source"]
        if first is None and (named := triggers(text, found, s, e, "HOME")):
            first = named[0][1]
    if first not in (None, "HOME"):
        return first
    if offices:
        return offices[0]
    if traditional(original) and _TAIWAN_CUES.search(text):
        return "TWN"
    return "CHN"


def assign(text: str, found: list[Term], s: int, e: int, claims: list[Claim], state: str,
           home: str) -> str:  # fmt: skip
    """Set the reporter (and China as partner) of the claims of ``text[s:e]``; return the
    reporter the sentence leaves for the next one."""
    found_triggers = triggers(text, found, s, e, home)
    source_at = {t.start for t in found if t.dim == "source"}
    sources = [code for pos, code in found_triggers if pos in source_at]
    china = [t for t in found if t.dim == "china" and t.value == "CHN"]
    current = sources[0] if sources else state
    for c in claims:
        before = [code for pos, code in found_triggers if pos < c.start and code not in sources]
        after = [code for pos, code in found_triggers if pos >= c.end and code not in sources]
        reporter = before[-1] if before else (after[0] if after and not sources else current)
        if sources and not before:
            reporter = sources[0]
        c.subject.reporter = reporter
        if reporter != "CHN":
            _china_is_partner(c, reporter, china, text)
            c.why.append(f"reported by {reporter}")
    if found_triggers:
        return found_triggers[-1][1]
    return state


def _china_is_partner(c: Claim, reporter: str, china: list[Term], text: str) -> None:
    """'EU imports from China': China is the partner; the reporter is never its own partner.
    China named in a later clause is the partner of the figures there ("exports rose 12.9 %,
    of which those to the mainland 15.1 %", 其中输往内地 ...), not of this one."""
    if c.subject.partner == reporter:
        c.subject.partner = None
    if c.subject.partner is None and china:
        clause_end = clause_bounds(text, c.start, c.end)[1]
        if any(t.start < clause_end for t in china):
            c.subject.partner = "CHN"


_CUES: dict[tuple[int, int, int], list[tuple[int, str]]] = {}


def _basis_cues(text: str, s: int, e: int) -> list[tuple[int, str]]:
    """(position, basis) of the basis cues of a sentence, found once for all its figures."""
    key = (id(text), s, e)
    if key not in _CUES:
        if len(_CUES) > 256:
            _CUES.clear()
        _CUES[key] = sorted((m.start(), name) for name, rx in BASIS_CUES
                            for m in rx.finditer(text, s, e))  # fmt: skip
    return _CUES[key]


def basis(text: str, claim: Claim, clause: tuple[int, int], sentence: tuple[int, int],
          levels: list[Claim], default: str) -> str:  # fmt: skip
    """The basis of a rate: a cue in the clause, then the sentence; a level beside it; the
    text's or the reporter's default."""
    cues = _basis_cues(text, *sentence)
    for lo, hi in (clause, sentence):
        for pos, name in cues:
            if lo <= pos < hi and not (name == "price" and pos > claim.start):
                return name  # (not "dropped 28.7 % as prices eased": the value fell)
    same = [v for v in levels if v.subject.flow == claim.subject.flow
            and v.subject.dims() == claim.subject.dims()]  # fmt: skip
    near = [v for v in same if clause[0] <= v.start < clause[1]] or same
    if near:
        v = min(near, key=lambda v: abs(v.start - claim.start))
        return level_basis(v)
    return default


def level_basis(v: Claim) -> str:
    if v.measure is Measure.QUANTITY:
        return "quantity"
    return f"value_{v.stated.unit.lower()}"


@lru_cache(maxsize=1)
def _pairs() -> frozenset[str]:
    """Two-sided names (China-EU, 中欧): the trade between both, never one side's report."""
    return frozenset(phrase_key(w) for words in terms()["pairs"].values() for w in words)


@lru_cache(maxsize=1)
def _traditional_sources() -> frozenset[str]:
    """Offices (simplified, as the lexicon matches them) that report only when written in
    traditional script (terms.yaml ``traditional_sources``)."""
    return frozenset(phrase_key(simplify(w)) for words in terms()["traditional_sources"].values()
                     for w in words)  # fmt: skip


def reporter_basis(reporter: str) -> str:
    currency = terms()["reporter_currency"].get(reporter, "USD")
    return f"value_{currency.lower()}"
