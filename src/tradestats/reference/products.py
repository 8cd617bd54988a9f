"""Product groups: HS prefix rules (include / exclude, per HS edition) expanded at load time.

A file ``products/NAME.yaml`` gives ``include`` and ``exclude`` prefixes (2 to 6 digits,
dots allowed: ``8541.42``) that apply to HS2012, HS2017 and HS2022, and ``by_edition`` to give
an edition its own rules (HS2017's ``854140`` against HS2022's ``854142``/``854143``; HS2012's
``870390`` for electric cars, which had no code of their own). Older editions (HS1992 ..
HS2007) have rules only where ``by_edition`` gives them: a group asked for in such a period
says so rather than matching codes that may not exist then.

Example:
    >>> from tradestats.reference import load_reference
    >>> pv = load_reference().product_group("photovoltaic")
    >>> pv.include("HS2022"), pv.include("HS2017")
    (('854142', '854143'), ('854140',))
    >>> pv.matches("8541430010", "HS2022")
    True
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tradestats.errors import UsageError
from tradestats.reference.groups import STATUSES
from tradestats.reference.hs import ALL_EDITIONS, EDITIONS
from tradestats.reference.problems import Problems
from tradestats.reference.yamlio import YDict, line_of

PREFIX = re.compile(r"\d{2,6}")
KEYS = {"name", "title_en", "title_zh", "aliases", "status", "source", "notes"}
KEYS |= {"include", "exclude", "by_edition", "parts"}


@dataclass(frozen=True)
class Rules:
    """Include and exclude prefixes for one HS edition."""

    include: tuple[str, ...]
    exclude: tuple[str, ...]

    def matches(self, code: str) -> bool:
        """True when ``code`` starts with an include prefix and with no exclude prefix."""
        return code.startswith(self.include) and not code.startswith(self.exclude)


@dataclass(frozen=True)
class ProductGroup:
    """A named set of HS codes defined by prefix rules, possibly different per edition.

    Example:
        >>> from tradestats.reference import load_reference
        >>> load_reference().product_group("lithium_batteries").expand("HS2022")
        ['850760']
    """

    name: str
    title_en: str
    title_zh: str
    aliases: tuple[str, ...]
    status: str
    source: str
    notes: str
    rules: Mapping[str, Rules]
    parts: tuple[str, ...] = ()
    file: str = ""
    expanded: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    lines: Mapping[str, int] = field(default_factory=dict, repr=False)
    line: int = 0  # line of the name, for messages

    def _rules(self, edition: str) -> Rules:
        key = edition.strip().upper()
        if key in self.rules:
            return self.rules[key]
        if key in ALL_EDITIONS:
            raise UsageError(
                f"product group {self.name!r} has no rules for {key} (it has rules for "
                f"{', '.join(sorted(self.rules))})",
                hint=f"add 'by_edition: {{{key}: {{include: [...]}}}}' to products/"
                f"{self.name}.yaml in a classifications directory",
            )
        raise UsageError(f"unknown HS edition {edition!r}", hint=f"use {', '.join(ALL_EDITIONS)}")

    def include(self, edition: str) -> tuple[str, ...]:
        """Include prefixes under ``edition``."""
        return self._rules(edition).include

    def exclude(self, edition: str) -> tuple[str, ...]:
        """Exclude prefixes under ``edition``."""
        return self._rules(edition).exclude

    def matches(self, hs_code: str, edition: str) -> bool:
        """True when an HS code (6 to 10 digits) belongs to the group under ``edition``."""
        return self._rules(edition).matches(hs_code)

    def expand(self, edition: str) -> list[str]:
        """Every 6-digit code of ``edition`` in the group (needs that edition's code list)."""
        from tradestats.reference.hs import HOW_TO_SUPPLY

        self._rules(edition)  # unknown editions raise here
        key = edition.strip().upper()
        if key not in self.expanded:
            raise UsageError(
                f"no {key} code list is loaded, so {self.name!r} cannot be expanded",
                hint=HOW_TO_SUPPLY.format(edition=key),
            )
        return list(self.expanded[key])


def _prefixes(
    value: Any, file: str, line: int, problems: Problems, lines: dict[str, int]
) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.add(file, line, "include/exclude must be a list of HS prefixes")
        return ()
    out = []
    for item in value:
        text = str(item).replace(".", "").strip() if isinstance(item, str) else ""
        if not PREFIX.fullmatch(text):
            why = "has letters" if re.search(r"[^\d]", text) else "must have 2 to 6 digits"
            problems.add(file, line_of(item, line), f"HS prefix {item!r} {why}")
            continue
        lines.setdefault(text, line_of(item, line))
        out.append(text)
    return tuple(sorted(set(out)))


def _edition_rules(
    doc: YDict, file: str, problems: Problems, lines: dict[str, int]
) -> dict[str, Rules]:
    base_in = _prefixes(doc.get("include"), file, doc.line_of("include"), problems, lines)
    base_ex = _prefixes(doc.get("exclude"), file, doc.line_of("exclude"), problems, lines)
    by_edition = doc.get("by_edition") or YDict()
    if not isinstance(by_edition, YDict):
        problems.add(file, doc.line_of("by_edition"), "'by_edition' must be a mapping")
        by_edition = YDict()
    for key in sorted(set(by_edition) - set(ALL_EDITIONS)):
        problems.add(file, by_edition.line_of(key), f"unknown HS edition {key!r}")
    rules = {}
    older = [e for e in ALL_EDITIONS if e not in EDITIONS and e in by_edition]
    for edition in (*older, *EDITIONS):
        own = by_edition.get(edition)
        inc, exc = base_in, base_ex
        if isinstance(own, YDict):
            inc = _prefixes(own.get("include"), file, own.line_of("include"), problems, lines)
            if "exclude" in own:
                exc = _prefixes(own.get("exclude"), file, own.line_of("exclude"), problems, lines)
        rules[edition] = Rules(inc, exc)
    for edition, rule in rules.items():
        if not rule.include:
            problems.add(file, doc.line, f"no include prefixes for {edition}")
    return rules


def _text(doc: YDict, key: str, file: str, problems: Problems, required: bool = True) -> str:
    value = doc.get(key)
    if value is None or not isinstance(value, str):
        if required or value is not None:
            problems.add(file, doc.line_of(key), f"missing or non-text '{key}'")
        return ""
    return value


def _list(doc: YDict, key: str, file: str, problems: Problems) -> tuple[str, ...]:
    value = doc.get(key) or []
    if not isinstance(value, list):
        problems.add(file, doc.line_of(key), f"'{key}' must be a list")
        return ()
    return tuple(str(v) for v in value)


def parse_product_group(doc: Any, file: str, problems: Problems) -> ProductGroup:
    """Build a :class:`ProductGroup` from a parsed YAML document, recording every problem."""
    if not isinstance(doc, YDict):
        problems.add(file, line_of(doc, 1), "a product group file must be a mapping")
        return ProductGroup("", "", "", (), "", "", "", {}, (), file)
    for key in sorted(set(doc) - KEYS):
        problems.add(file, doc.line_of(key), f"unknown field '{key}'")
    status = _text(doc, "status", file, problems)
    if status and status not in STATUSES:
        problems.add(file, doc.line_of("status"), f"status must be one of {', '.join(STATUSES)}")
    lines: dict[str, int] = {}
    return ProductGroup(
        name=_text(doc, "name", file, problems),
        title_en=_text(doc, "title_en", file, problems),
        title_zh=_text(doc, "title_zh", file, problems),
        aliases=_list(doc, "aliases", file, problems),
        status=status,
        source=_text(doc, "source", file, problems),
        notes=_text(doc, "notes", file, problems, required=False),
        rules=_edition_rules(doc, file, problems, lines),
        parts=_list(doc, "parts", file, problems),
        file=file,
        lines=lines,
        line=doc.line_of("name"),
    )


def _under(prefix: str, codes: list[str]) -> list[str]:
    """The codes (sorted) that start with ``prefix``."""
    lo = bisect.bisect_left(codes, prefix)
    return codes[lo : bisect.bisect_left(codes, prefix + ":", lo)]


def expand_rules(rules: Rules, codes: list[str]) -> tuple[str, ...]:
    """The codes (``codes`` must be sorted) that the rules select, sorted."""
    found = {c for p in rules.include for c in _under(p, codes)}
    return tuple(sorted(c for c in found if not c.startswith(rules.exclude)))


def check_prefixes_exist(
    group: ProductGroup, edition: str, codes: list[str], problems: Problems
) -> None:
    """Record a problem for every include/exclude prefix that matches no code of ``edition``."""
    rules = group.rules[edition]
    for prefix in rules.include + rules.exclude:
        if not _under(prefix, codes):
            line = group.lines.get(prefix, 0)
            problems.add(group.file, line, f"prefix {prefix!r} matches no {edition} code")
