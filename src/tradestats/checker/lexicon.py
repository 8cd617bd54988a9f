"""The alias lexicon: words in an article -> flow, partner, product group, enterprise type, brand.

Built from the reference classifications (names, aliases, English and Chinese titles of
partner groups, product groups, enterprise types, trade modes, countries and provinces) plus
the words of ``terms.yaml`` that the reference does not hold (flows, brands, short country
names, statistics offices and the reporters they speak for, names of China itself). Chinese
is matched on simplified text (``zhtext.simplify``), so traditional script needs no entry.

Example:
    >>> lex = Lexicon.build()
    >>> [(t.dim, t.value) for t in lex.find("China's trade with the ASEAN grew")]
    [('china', 'CHN'), ('flow', 'total'), ('partner', 'asean')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

TERMS_FILE = "terms.yaml"  # release words, short names, offices: data beside this module
OTHER_TOPICS = re.compile(
    r"\b(GDP|gross domestic product|economic growth|inflation|CPI|PPI|unemployment|jobless|"
    r"interest rates?|retail sales|industrial output|PMI|forecasts?|estimates?|services|"
    r"(?:fiscal|budget|tax|tariff)\s+revenues?)\b|"
    r"国内生产总值|经济增长|服务贸易|一般公共预算|预算收入|财政收入|税收收入|关税收入",
    re.I,
)
# Regions in English are read in title case only: "BEIJING, Jan 14 (Xinhua)" is a dateline, and
# "Beijing" alone stands for China's government, so it is no region in English.
NOT_ENGLISH_REGIONS = frozenset({"Beijing"})
NOT_REGIONS = frozenset({"71", "81", "82"})  # Taiwan, Hong Kong, Macao: partners in trade data
REPORTERS = frozenset({"CHN"})  # China is the text's own reporter (terms.yaml "china")


@lru_cache(maxsize=1)
def terms() -> dict[str, Any]:
    """The release words of ``terms.yaml`` (flows, brands, short names, offices ...)."""
    from importlib.resources import files

    import yaml

    data: dict[str, Any] = yaml.safe_load(
        files("tradestats.checker").joinpath(TERMS_FILE).read_text(encoding="utf-8")
    )
    return data


@dataclass(frozen=True)
class Term:
    """One lexicon hit: where it is, which dimension and which value it names."""

    start: int
    end: int
    dim: str  # flow, partner, product, enterprise_type, brand_type, trade_mode, region,
    # china (the value CHN or HOME), source (the reporter an office reports for)
    value: str
    phrase: str = ""


class Lexicon:
    """Phrase -> (dimension, value), matched case-insensitively on word boundaries."""

    def __init__(self, entries: Iterable[tuple[str, str, str]]) -> None:
        self._by_key: dict[str, tuple[str, str]] = {}
        self._cased: dict[str, str] = {}
        for phrase, dim, value in entries:
            key = _key(phrase)
            if key and key not in self._by_key:
                self._by_key[key] = (dim, value)
                self._cased[key] = " ".join(phrase.split())
        keys = sorted(self._by_key, key=len, reverse=True)
        cjk = [k for k in keys if _CJK.search(k)]
        cased = [k for k in keys if k not in cjk and (
            _is_acronym(self._cased[k]) or self._by_key[k][0] == "region")]  # fmt: skip
        words = [k for k in keys if k not in cjk and k not in cased]
        self._seen: dict[str, list[Term]] = {}
        self._regexes: list[re.Pattern[str] | None] = [
            _compile(words, re.I, bounded=True),
            _compile([self._cased[a] for a in cased], 0, bounded=True),
            _compile(cjk, 0, bounded=False),
        ]

    @classmethod
    def build(cls, reference: Any | None = None) -> Lexicon:
        """The lexicon over ``reference`` (default: ``load_reference()``)."""
        if reference is None:
            return _default()
        return cls(_entries(reference))

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Term]:
        """Lexicon hits in ``text[start:end]``, longest phrase first, in text order.

        A sentence read before (texts repeat boilerplate, the resolver reads each sentence in
        two copies) is not scanned again: hits are kept per sentence text, offsets relative."""
        stop = len(text) if end is None else end
        piece = text[start:stop]
        cached = self._seen.get(piece)
        if cached is None:
            cached = self._scan(piece)
            if len(self._seen) > 4096:
                self._seen.clear()
            self._seen[piece] = cached
        if not start:
            return list(cached)
        return [Term(t.start + start, t.end + start, t.dim, t.value, t.phrase) for t in cached]

    def _scan(self, text: str) -> list[Term]:
        hits = [m for rx in self._regexes if rx for m in rx.finditer(text)]
        hits.sort(key=lambda m: (m.start(), -(m.end() - m.start())))
        out: list[Term] = []
        for m in hits:
            if out and m.start() < out[-1].end:
                continue  # a shorter phrase inside a longer one already taken
            dim, value = self._by_key[_key(m[0])]
            out.append(Term(m.start(), m.end(), dim, value, m[0]))
        return [t for t in out if t.dim != "none"]

    def lookup(self, phrase: str) -> tuple[str, str] | None:
        """(dimension, value) of one phrase, None when the lexicon does not know it.

        >>> Lexicon.build().lookup("Belt and Road partner countries")
        ('partner', 'bri')
        """
        return self._by_key.get(_key(phrase))


_CJK = re.compile(r"[\u3400-\u9fff]")


def _is_acronym(phrase: str) -> bool:
    """Short capitals ("US", "EV", "LAC") match only in capitals: "us" is a pronoun."""
    letters = phrase.replace(".", "")
    return len(letters) <= 5 and letters.isupper()


def _compile(phrases: list[str], flags: int, bounded: bool) -> re.Pattern[str] | None:
    """One regex for many phrases, as a trie: linear in the text, unlike a flat alternation."""
    if not phrases:
        return None
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for ch in re.sub(r"[\s\-_]+", " ", phrase):
            node = node.setdefault(ch, {})
        node[""] = {}  # end of a phrase
    body = _trie_regex(trie)
    # A phrase that ends in a sign ("US$") ends there: "US$520 billion" is dollars, not the US.
    return re.compile(rf"(?<![\w-])(?:{body})(?:(?<=\$)|(?![\w-]))" if bounded else body, flags)


def _trie_regex(node: dict[str, Any]) -> str:
    """Regex of a trie node; a space in a phrase matches runs of space, '-' or '_'."""
    alts = []
    for ch in sorted(node, key=lambda c: c == ""):  # phrase ends last: longest match first
        if ch:
            head = r"[\s\-_]+" if ch == " " else re.escape(ch)
            alts.append(head + _trie_regex(node[ch]))
    if not alts:
        return ""
    inner = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{inner})?" if "" in node else inner


def _key(phrase: str) -> str:
    return re.sub(r"[\s\-_]+", " ", phrase.strip().lower().replace("’", "'").replace("“", "")
                  .replace("”", ""))  # fmt: skip


def phrase_key(phrase: str) -> str:
    """A phrase as the lexicon compares it (lower case, spaces and dashes as one space).

    >>> phrase_key("China-EU")
    'china eu'
    """
    return _key(phrase)


@lru_cache(maxsize=1)
def _default() -> Lexicon:
    from tradestats.reference import load_reference

    return Lexicon(_entries(load_reference()))


def _entries(ref: Any) -> list[tuple[str, str, str]]:
    """Every (phrase, dimension, value); release words first so they win ties."""
    t = terms()
    out: list[tuple[str, str, str]] = []
    for dim, key in (("flow", "flows"), ("brand_type", "brand_type"),
                     ("enterprise_type", "enterprise_type"), ("trade_mode", "trade_mode"),
                     ("partner", "pairs"), ("source", "sources")):  # fmt: skip
        for value, words in t[key].items():
            out += [(w, dim, value) for w in words]
    out += [(w, "none", "") for w in t["not_terms"]]
    out += [(w, "china", "CHN") for w in t["china"]]
    out += [(w, "china", "HOME") for w in t["home"]]
    for value, words in t["partner"].items():
        out += [(w, "partner", value) for w in words]
    out += _named(getattr(ref, "enterprise_types", {}).values(), "enterprise_type")
    out += _named(getattr(ref, "partner_groups", {}).values(), "partner")
    out += _named(getattr(ref, "product_groups", {}).values(), "product")
    out += _named(getattr(ref, "trade_mode_groups", {}).values(), "trade_mode")
    for c in getattr(ref, "countries", []):
        if c.iso3 not in REPORTERS:
            out += [(c.name_en, "partner", c.iso3), (c.name_zh, "partner", c.iso3)]
    for code, r in getattr(ref, "regions", {}).items():
        if code in NOT_REGIONS:
            continue
        names = [r.name_zh, r.name_zh + "省", r.name_zh + "市"]
        if r.name_en not in NOT_ENGLISH_REGIONS:
            names += [r.name_en, f"{r.name_en} province", f"{r.name_en} Province"]
        out += [(n, "region", code) for n in names if n]
    return [e for e in out if e[0] and not e[0].startswith("M49")]


def _named(items: Iterable[Any], dim: str) -> list[tuple[str, str, str]]:
    out = []
    for item in items:
        names = [item.name, *getattr(item, "aliases", ()), item.title_en, item.title_zh]
        # Titles such as "Private enterprises" also read without their first word's case.
        out += [(n, dim, item.name) for n in names if n]
    return out
