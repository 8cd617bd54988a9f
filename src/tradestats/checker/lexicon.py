"""The alias lexicon: words in an article -> flow, partner, product group, enterprise type, brand.

Built from the reference classifications (names, aliases, English and Chinese titles of
partner groups, product groups, enterprise types and countries) plus the trade words a
release uses that the reference does not hold (flows, brands, "foreign trade").

Example:
    >>> lex = Lexicon.build()
    >>> [(t.dim, t.value) for t in lex.find("China's trade with the ASEAN grew")]
    [('flow', 'total'), ('partner', 'asean')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# Words of releases the reference does not hold. Longest phrases win in the regex.
FLOW_TERMS = {
    "total": [
        "foreign trade", "total trade", "trade", "traded", "trades", "imports and exports",
        "import and export",
        "exports and imports", "export and import", "trade value", "trade volume", "进出口",
        "外贸", "货物贸易", "贸易",
    ],
    "export": ["exports", "export", "exported", "outbound shipments", "出口"],
    "import": ["imports", "import", "imported", "inbound shipments", "进口"],
    "balance": ["trade surplus", "surplus", "trade balance", "trade deficit", "顺差", "贸易顺差"],
}  # fmt: skip
EXTRA_ENTERPRISE = {
    "private": ["private enterprises", "private firms", "private companies", "private businesses",
                "私营企业"],
    "state_owned": ["state-owned enterprises", "state-owned firms", "SOEs"],
    "foreign_invested": ["foreign-invested enterprises", "foreign-funded enterprises",
                         "foreign firms", "外资企业"],
}  # fmt: skip
BRAND_TERMS = {
    "domestic": ["domestic brands", "own brands", "Chinese brands", "homegrown brands",
                 "自主品牌", "国产品牌"],
}  # fmt: skip
EXTRA_PARTNER = {
    "USA": ["US", "U.S.", "the United States", "America"],
    "GBR": ["UK", "Britain"],
    "RUS": ["Russia"],
    "KOR": ["ROK"],
    "eu27": ["the EU"],
    "africa": ["Africa", "African nations"],
}
EXTRA_PRODUCT = {
    "mechanical_electrical": ["machinery", "electromechanical products"],
    "high_tech": ["high-tech products", "high-tech goods"],
    "new_trio": ['"new trio"', "new trio"],
}
EXTRA_TRADE_MODE = {
    "general_trade": ["general trade", "一般贸易"],
    "processing_trade": ["processing trade", "加工贸易"],
    "bonded_logistics": ["bonded logistics", "保税物流"],
}
# Phrases that contain a partner's short name but are not about it: "US dollars" is a currency.
NOT_TERMS = ["US dollars", "US dollar", "U.S. dollars", "U.S. dollar", "US$", "美元"]
REPORTERS = frozenset({"CHN"})  # the reporter is never a partner of its own trade
OTHER_TOPICS = re.compile(
    r"\b(GDP|gross domestic product|inflation|CPI|PPI|unemployment|jobless|interest rates?|"
    r"retail sales|industrial output|PMI|forecasts?|estimates)\b|国内生产总值",
    re.I,
)


@dataclass(frozen=True)
class Term:
    """One lexicon hit: where it is, which dimension and which value it names."""

    start: int
    end: int
    dim: str  # flow, partner, product, enterprise_type, brand_type
    value: str


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
        acronyms = [k for k in keys if k not in cjk and _is_acronym(self._cased[k])]
        words = [k for k in keys if k not in cjk and k not in acronyms]
        self._regexes: list[re.Pattern[str] | None] = [
            _compile(words, re.I, bounded=True),
            _compile([self._cased[a] for a in acronyms], 0, bounded=True),
            _compile(cjk, 0, bounded=False),
        ]

    @classmethod
    def build(cls, reference: Any | None = None) -> Lexicon:
        """The lexicon over ``reference`` (default: ``load_reference()``)."""
        if reference is None:
            return _default()
        return cls(_entries(reference))

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Term]:
        """Lexicon hits in ``text[start:end]``, longest phrase first, in text order."""
        stop = len(text) if end is None else end
        hits = [m for rx in self._regexes if rx for m in rx.finditer(text, start, stop)]
        hits.sort(key=lambda m: (m.start(), -(m.end() - m.start())))
        out: list[Term] = []
        for m in hits:
            if out and m.start() < out[-1].end:
                continue  # a shorter phrase inside a longer one already taken
            dim, value = self._by_key[_key(m[0])]
            out.append(Term(m.start(), m.end(), dim, value))
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
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])" if bounded else body, flags)


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
    return re.sub(r"[\s\-_]+", " ", phrase.strip().lower().replace("’", "'"))


@lru_cache(maxsize=1)
def _default() -> Lexicon:
    from tradestats.reference import load_reference

    return Lexicon(_entries(load_reference()))


def _entries(ref: Any) -> list[tuple[str, str, str]]:
    """Every (phrase, dimension, value); release words first so they win ties."""
    out: list[tuple[str, str, str]] = []
    for value, words in FLOW_TERMS.items():
        out += [(w, "flow", value) for w in words]
    for value, words in BRAND_TERMS.items():
        out += [(w, "brand_type", value) for w in words]
    for value, words in EXTRA_ENTERPRISE.items():
        out += [(w, "enterprise_type", value) for w in words]
    for value, words in EXTRA_PRODUCT.items():
        out += [(w, "product", value) for w in words]
    for value, words in EXTRA_PARTNER.items():
        out += [(w, "partner", value) for w in words]
    for value, words in EXTRA_TRADE_MODE.items():
        out += [(w, "trade_mode", value) for w in words]
    out += [(w, "none", "") for w in NOT_TERMS]
    out += _named(getattr(ref, "enterprise_types", {}).values(), "enterprise_type")
    out += _named(getattr(ref, "partner_groups", {}).values(), "partner")
    out += _named(getattr(ref, "product_groups", {}).values(), "product")
    out += _named(getattr(ref, "trade_mode_groups", {}).values(), "trade_mode")
    for c in getattr(ref, "countries", []):
        if c.iso3 not in REPORTERS:
            out += [(c.name_en, "partner", c.iso3), (c.name_zh, "partner", c.iso3)]
    return [e for e in out if e[0] and not e[0].startswith("M49")]


def _named(items: Iterable[Any], dim: str) -> list[tuple[str, str, str]]:
    out = []
    for item in items:
        names = [item.name, *getattr(item, "aliases", ()), item.title_en, item.title_zh]
        # Titles such as "Private enterprises" also read without their first word's case.
        out += [(n, dim, item.name) for n in names if n]
    return out
