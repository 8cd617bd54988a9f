"""What the engine needs from reference data, as a Protocol, plus name lookups with suggestions.

The real implementation is ``tradestats.reference.load_reference()``; tests pass a small fake.

Group names come only from the reference data (its ``partner_groups``, ``product_groups`` and
``trade_mode_groups``), never from a list in code.

Example:
    >>> partner_group_names(load_default_reference())[:3]
    ['africa', 'apec', 'asean']
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, Protocol

from tradestats.errors import BadParameter, UsageError
from tradestats.indicators.suggest import nearest


class PartnerGroupLike(Protocol):
    def comparable_members(self, period_end: date) -> frozenset[str]: ...


class ProductGroupLike(Protocol):
    def include(self, edition: str) -> tuple[str, ...]: ...
    def exclude(self, edition: str) -> tuple[str, ...]: ...


class TradeModeGroupLike(Protocol):
    codes: frozenset[str]


class ReferenceLike(Protocol):
    """The slice of the reference API the engine uses: groups by name, and lookups."""

    @property
    def partner_groups(self) -> Mapping[str, Any]: ...
    @property
    def product_groups(self) -> Mapping[str, Any]: ...
    @property
    def trade_mode_groups(self) -> Mapping[str, Any]: ...

    def partner_group(self, name: str) -> Any: ...
    def product_group(self, name: str) -> Any: ...
    def trade_mode_group(self, name: str) -> Any: ...
    def hs_edition(self, period: str) -> str: ...
    def hs_section(self, chapter: str) -> Any: ...


def partner_group_names(ref: ReferenceLike) -> list[str]:
    """Names of the reference's partner groups (the default partner_group breakdown)."""
    return list(ref.partner_groups)


def product_group_names(ref: ReferenceLike) -> list[str]:
    """Names of the reference's product groups (the default product_group breakdown)."""
    return list(ref.product_groups)


def trade_mode_group_names(ref: ReferenceLike) -> list[str]:
    """Names of the reference's trade-mode groups."""
    return list(ref.trade_mode_groups)


PARAM_OF = {
    "partner group": "partner",
    "product group": "product",
    "trade-mode group": "trade_mode",
}


def _lookup(get: Callable[[str], Any], name: str, what: str, known: Callable[[], list[str]]) -> Any:
    try:
        found = get(name)
    except Exception as err:  # the reference raises its own errors; report ours
        raise _unknown(name, what, known()) from err
    if found is None:
        raise _unknown(name, what, known())
    return found


def _unknown(name: str, what: str, known: list[str]) -> BadParameter:
    return BadParameter(PARAM_OF[what], f"unknown {what} {name!r}", hint=nearest(name, known))


def partner_group(ref: ReferenceLike, name: str) -> PartnerGroupLike:
    """The partner group ``name`` (or alias); UsageError with a suggestion when unknown: the
    nearest groups, or the countries whose names are close (``Vietnm`` -> VNM)."""
    try:
        return _lookup(ref.partner_group, name, "partner group", lambda: partner_group_names(ref))
    except BadParameter as err:
        if err.hint and err.hint.startswith("did you mean"):
            raise
        near: list[str] = getattr(ref, "countries_near", lambda _name: [])(name)
        if not near:
            raise
        shown = " or ".join(f"{_country_name(ref, c)!r} ({c})" for c in near)
        raise BadParameter(
            "partner", f"unknown partner {name!r}: not a code, country name or partner group",
            hint=f"did you mean {shown}?",
        ) from None  # fmt: skip


def _country_name(ref: ReferenceLike, code: str) -> str:
    try:
        return str(ref.country(code).name_en)  # type: ignore[attr-defined]
    except Exception:  # a code without a name is shown as the code
        return code


def product_group(ref: ReferenceLike, name: str) -> ProductGroupLike:
    """The product group ``name``; UsageError with a suggestion when unknown."""
    return _lookup(ref.product_group, name, "product group", lambda: product_group_names(ref))


def trade_mode_group(ref: ReferenceLike, name: str) -> TradeModeGroupLike:
    """The trade-mode group ``name``; UsageError with a suggestion when unknown."""
    known = lambda: trade_mode_group_names(ref)  # noqa: E731  (names only when unknown)
    return _lookup(ref.trade_mode_group, name, "trade-mode group", known)


def section_label(ref: ReferenceLike, chapter: str) -> str | None:
    """The HS section of a 2-digit chapter as text (e.g. ``XVI``), None when unknown."""
    try:
        sec = ref.hs_section(chapter)
    except Exception:  # chapters 77, 98, 99 have no section
        return None
    if sec is None:
        return None
    for attr in ("code", "id", "roman", "number"):
        if hasattr(sec, attr):
            return str(getattr(sec, attr))
    return str(sec)


def iso_codes(ref: ReferenceLike) -> frozenset[str] | None:
    """ISO alpha-3 partner codes the reference knows, or None when it does not say."""
    codes = getattr(ref, "partner_codes", None)
    if callable(codes):
        codes = codes()
    return frozenset(codes) if codes else None


def is_partner_code(ref: ReferenceLike, token: str) -> bool:
    """Capitalised three letters are an ISO code; other spellings only if the reference knows."""
    codes = iso_codes(ref)
    if len(token) == 3 and token.isalpha() and token.isupper():
        return codes is None or token in codes
    # ASCII only: Python upper-cases the look-alikes 'uſa' and 'ınd' to 'USA' and 'IND'.
    return codes is not None and token.isascii() and token.upper() in codes


def partner_alias(ref: ReferenceLike, token: str) -> str | None:
    """The partner code a Comtrade / UN M49 partner number (``842`` is USA, ``490`` Taiwan,
    ``0`` the World total) or a country's name (``Vietnam``, ``越南``) stands for; None when the
    token is neither, or when it is a partner group's name (groups win).

    >>> from tradestats.reference import load_reference
    >>> ref = load_reference()
    >>> partner_alias(ref, "842"), partner_alias(ref, "Vietnam"), partner_alias(ref, "asean")
    ('USA', 'VNM', None)
    """
    text = token.strip()
    if text.isdecimal() and text.isascii():
        number = getattr(ref, "comtrade_code", None)
        return number(text) if callable(number) else None
    named = getattr(ref, "country_named", None)
    if not callable(named) or (code := named(text)) is None:
        return None
    try:
        group = ref.partner_group(text)
    except Exception:  # the reference raises its own error: not a group, so the country
        group = None
    return str(code) if group is None else None


def load_default_reference() -> ReferenceLike:
    """``tradestats.reference.load_reference()`` overlaid by the user's classifications in
    ``$TRADESTATS_CLASSIFICATIONS`` (when set), with a clear error when unavailable."""
    try:
        from tradestats.reference import load_reference
    except ImportError as err:
        raise UsageError(
            "reference data (tradestats.reference.load_reference) unavailable"
        ) from err
    return load_reference(os.environ.get("TRADESTATS_CLASSIFICATIONS") or None)
