"""The query contract: every parameter a question may have, defined once.

The CLI's ``tradestats query`` options, the HTTP API's ``/api/v1/query`` parameters and the
Python keywords of ``Engine.query`` are all made from ``PARAMS``, and every value goes through
``build_query``: no front end decides on its own what can be asked. A value the model does not
accept is a ``BadParameter`` naming the parameter; an unknown parameter too.

Example:
    >>> q = build_query({"period": "2025", "flow": "re_export", "parent": "selection"})
    >>> q.selection.flow.value, q.parent == q.selection
    ('re_export', True)
    >>> build_query({"period": "2025", "colour": "red"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tradestats.errors.BadParameter: unknown parameter 'colour' (known: as_of, basis, ...)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from tradestats.errors import BadParameter
from tradestats.indicators.periods import FORMS
from tradestats.indicators.query import (
    Basis,
    Dim,
    FlowSel,
    Grain,
    Measure,
    Query,
    Seasonal,
    Selection,
    split_list,
)
from tradestats.indicators.suggest import nearest

FILTER_HELP = "Comma list; !X excludes X."


@dataclass(frozen=True)
class Param:
    """One parameter of a question: its name (Python keyword and HTTP parameter), help text,
    default, type, CLI spellings and the values it takes (for the help; ``build_query``
    checks them)."""

    name: str
    help: str
    default: Any = None
    kind: type = str
    flags: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    required: bool = False

    @property
    def cli(self) -> tuple[str, ...]:
        """Its CLI spellings (``--enterprise-type``; aliases after the first)."""
        return self.flags or (f"--{self.name.replace('_', '-')}",)

    def described(self) -> str:
        """The help text, with the accepted values when they are a closed list."""
        return f"{self.help} One of: {', '.join(self.choices)}." if self.choices else self.help


def _values(kind: Any) -> tuple[str, ...]:
    return tuple(m.value for m in kind)


PARENTS = ("selection", *(f.value for f in FlowSel if f is not FlowSel.BALANCE))
PARAMS: tuple[Param, ...] = (
    Param("period", f"Reporting period: {FORMS}; several, comma-separated (2024,2025), are "
          "answered each with a period column.", required=True, flags=("--period", "-p")),
    Param("flow", "Trade flow.", "total", choices=_values(FlowSel)),
    Param("measures", "Comma list of measures.", "value_cny",
          flags=("--measures", "--measure", "-m"), choices=_values(Measure)),
    Param("by", "Comma list of breakdown dimensions.", choices=_values(Dim)),
    Param("top", "Keep the N largest rows (by the basis value).", kind=int),
    Param("partner", f"ISO alpha-3 codes or partner groups. {FILTER_HELP}"),
    Param("product", f"HS prefixes or product groups. {FILTER_HELP}"),
    Param("enterprise_type", f"state_owned, foreign_invested, private, other. {FILTER_HELP}"),
    Param("trade_mode", f"4-digit trade modes or trade-mode groups. {FILTER_HELP}"),
    Param("region", f"2-digit GB/T 2260 province codes. {FILTER_HELP}"),
    Param("brand_type", f"Brand types 0-4, domestic, foreign. {FILTER_HELP}"),
    Param("reporter", "Reporter ISO codes or groups ('own': rows without one); several are "
          f"added up. {FILTER_HELP}"),
    Param("parent", "Parent of shares and contributions: the selection itself, or a flow's "
          "total (default: the same flow's total).", choices=PARENTS),
    Param("basis", "Money basis of growth, shares and ranks.", "value_cny",
          choices=_values(Basis)),
    Param("grain", "Grain of growth streaks.", "quarter", choices=_values(Grain)),
    Param("as_of", "Read the store as of a batch id (b000003) or an ISO time."),
    Param("seasonal", "A monthly series (by=month) seasonally and calendar adjusted (sa) or "
          "its trend, beside the recorded one; the period may then span years (2015..2025, "
          "36 months at least).", "none", choices=_values(Seasonal)),
    Param("like_for_like", "Over several reporters, compare only those present in both periods "
          "(the others are named in the answer), instead of a NULL growth.", "false",
          choices=("false", "true")),
)  # fmt: skip
NAMES = tuple(p.name for p in PARAMS)
BY_NAME = {p.name: p for p in PARAMS}


def check_names(names: Any) -> None:
    """BadParameter for the first name that is not a query parameter."""
    for name in names:
        if name not in BY_NAME:
            hint = nearest(str(name), NAMES)
            raise BadParameter(str(name), f"unknown parameter {name!r}", hint=hint)


def _parent(value: str | None, q: Query) -> Query:
    if value is None or value == "":
        return q
    key = value.strip().lower()
    if key not in PARENTS:
        hint = nearest(key, PARENTS) or f"one of {', '.join(PARENTS)}"
        raise BadParameter("parent", f"unknown parent {value!r}", hint=hint)
    parent = q.selection if key == "selection" else Selection.build(key)
    return replace(q, parent=parent)


def _top(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        top = int(value)
    except (TypeError, ValueError):
        raise BadParameter("top", f"top must be a whole number, not {value!r}") from None
    if top < 1:
        raise BadParameter("top", "top must be at least 1")
    return top


def build_query(values: Mapping[str, Any]) -> Query:
    """The Query for ``values`` (parameter name -> value; None or absent: the default).

    >>> build_query({"period": "2025-Q2", "partner": "asean,!VNM", "top": "5"}).top
    5
    """
    check_names(values)
    given = {k: v for k, v in values.items() if v is not None}
    if not str(given.get("period", "")).strip():
        raise BadParameter("period", "a period is needed", hint=f"forms: {FORMS}")
    for name in ("measures", "by"):
        if name in given and not isinstance(given[name], str):
            given[name] = ",".join(split_list(given[name]))
    parent = given.pop("parent", None)
    given["top"] = _top(given.get("top"))
    kw = {p.name: given.get(p.name, p.default) for p in PARAMS if p.name != "parent"}
    if isinstance(parent, Selection | dict):  # Python callers may give the parent itself
        return Query.build(**kw, parent=parent)
    return _parent(None if parent is None else str(parent), Query.build(**kw))


def describe(q: Query, label: str, left_out: Sequence[str] = ()) -> dict[str, Any]:
    """The question as the engine understood it (echoed beside every answer); ``left_out``:
    the reporters a like-for-like comparison leaves out."""
    filters = {
        k: [*f.include, *(f"!{x}" for x in f.exclude)] for k, f in q.selection.filters().items()
    }
    return {
        "period": label,
        "flow": q.selection.flow.value,
        "measures": [m.value for m in q.measures],
        "by": [d.value for d in q.by],
        "top": q.top,
        "filters": filters,
        "parent": None if q.parent is None else q.parent.flow.value,
        "basis": q.basis.value,
        "grain": q.grain.value,
        "as_of": q.as_of,
        "seasonal": q.seasonal.value,
        "like_for_like": q.like_for_like,
        "reporters_left_out": list(left_out),
    }
