"""Statement templates: text with ``{indicator}`` or ``{indicator:format}`` slots.

Formats: none (the figure with its unit), ``num`` (the rounded number only), ``verb`` and
``change`` (a phrase chosen from sign and size), ``record`` (a value compared with earlier
years), ``streak`` (consecutive periods of growth), ``balance`` (a surplus or a deficit).
``{period}`` names the reporting period. ``{{`` and ``}}`` are literal braces.

Example:
    >>> parse_template("Trade {total.yoy:verb} to {total.value}.")
    [Text(text='Trade '), Slot(name='total.yoy', fmt='verb'), Text(text=' to '), \
Slot(name='total.value', fmt=''), Text(text='.')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FORMATS = ("", "num", "verb", "change", "record", "streak", "balance")
RESERVED = ("period", "year")
_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")


class TemplateError(ValueError):
    """A malformed template; the message says what and where (column)."""


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Slot:
    name: str
    fmt: str = ""


Part = Text | Slot


def _slot(body: str, col: int) -> Slot:
    name, _, fmt = body.partition(":")
    name, fmt = name.strip(), fmt.strip()
    if not name:
        raise TemplateError(f"empty slot '{{{body}}}' at column {col}")
    if not _NAME.match(name):
        raise TemplateError(f"bad indicator name {name!r} at column {col}")
    if fmt not in FORMATS:
        raise TemplateError(
            f"unknown format {fmt!r} in '{{{body}}}' at column {col}"
            f" (formats: {', '.join(f for f in FORMATS if f)})"
        )
    if name in RESERVED and fmt:
        raise TemplateError(f"'{{{name}}}' takes no format (column {col})")
    return Slot(name, fmt)


def parse_template(template: str) -> list[Part]:
    """Split a template into text and slots; TemplateError when braces are malformed."""
    parts: list[Part] = []
    buf: list[str] = []
    i = 0
    while i < len(template):
        ch = template[i]
        if template.startswith(("{{", "}}"), i):
            buf.append(ch)
            i += 2
            continue
        if ch == "}":
            raise TemplateError(f"unmatched '}}' at column {i + 1}")
        if ch != "{":
            buf.append(ch)
            i += 1
            continue
        end = template.find("}", i)
        inner = template.find("{", i + 1)
        if end < 0 or (0 <= inner < end):
            raise TemplateError(f"unclosed '{{' at column {i + 1}")
        if buf:
            parts.append(Text("".join(buf)))
            buf = []
        parts.append(_slot(template[i + 1 : end], i + 1))
        i = end + 1
    if buf:
        parts.append(Text("".join(buf)))
    return parts


def slots(parts: list[Part]) -> list[Slot]:
    """The indicator slots of a parsed template (reserved names left out)."""
    return [p for p in parts if isinstance(p, Slot) and p.name not in RESERVED]
