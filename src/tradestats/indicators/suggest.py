"""Nearest-name suggestions for unknown names (difflib).

Example:
    >>> nearest("aesan", ["asean", "eu27", "africa"])
    "did you mean 'asean'?"
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def nearest(name: str, known: Iterable[str], n: int = 3) -> str | None:
    """A hint naming up to ``n`` close matches, or the choices when none is close."""
    names = sorted(set(known))
    close = difflib.get_close_matches(name, names, n=n, cutoff=0.6)
    if not close:
        close = difflib.get_close_matches(name.lower(), [k.lower() for k in names], n=n, cutoff=0.6)
    if close:
        return "did you mean " + " or ".join(repr(c) for c in close) + "?"
    if not names:
        return None
    shown = ", ".join(names[:15]) + (", ..." if len(names) > 15 else "")
    return f"known: {shown}"


def choice(name: str, value: object, choices: tuple[str, ...]) -> str:
    """``value`` as one of ``choices`` (trimmed, lower case), else a BadParameter naming the
    parameter with the nearest choices.

    >>> choice("chain", " Year", ("month", "year"))
    'year'
    """
    from tradestats.errors import BadParameter

    key = str(value).strip().lower()
    if key not in choices:
        hint = nearest(key, choices) or f"one of {', '.join(choices)}"
        raise BadParameter(name, f"unknown {name} {value!r}", hint=hint)
    return key
