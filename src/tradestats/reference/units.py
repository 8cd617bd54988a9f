"""Units of quantity: the WCO standard units (as UN Comtrade numbers them), with aliases.

``units.tsv`` lists each unit's code (the WCO abbreviation written in ASCII: ``m2`` for m²),
its Comtrade ``qtyUnitCode``, whether the WCO lists it, the base unit it converts to with its
factor (``1000 kg`` is 1000 ``kg``; ``2u`` is 2 ``u``), and the spellings read as it
(``t`` and ``吨`` for ``1000 kg``; ``千克`` for ``kg``). A record's ``unit`` is stored as the code;
quantities in different codes are never added without converting by these factors.

Example:
    >>> from tradestats.reference import load_reference
    >>> ref = load_reference()
    >>> ref.unit_code("KG"), ref.unit_code("吨"), ref.unit_code("m³"), ref.unit_code("8")
    ('kg', '1000 kg', 'm3', None)
    >>> ref.units["1000 kg"].base, ref.units["1000 kg"].factor
    ('kg', '1000')
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation

from tradestats.reference.countries import read_tsv
from tradestats.reference.problems import Problems


@dataclass(frozen=True)
class Unit:
    """One unit of quantity."""

    code: str
    comtrade: str  # Comtrade qtyUnitCode, '' when Comtrade has none
    wco: str  # 'yes' when the WCO's standard units of quantity list it
    base: str  # the unit this one converts to
    factor: str  # quantity in ``base`` = quantity x factor (exact decimal text)
    name_en: str
    aliases: str  # other spellings, '|' separated

    def spellings(self) -> list[str]:
        """The code and its aliases."""
        return [self.code, *(a for a in self.aliases.split("|") if a)]


UNIT_COLUMNS = tuple(f.name for f in fields(Unit))


def key(text: str) -> str:
    """Lookup key of a unit spelling: trimmed, lower case when ASCII (``'Kg'`` -> ``'kg'``).

    Non-ASCII spellings keep their case: lower() maps look-alikes (the Kelvin sign) to ASCII.
    """
    text = " ".join(text.split())
    return text.lower() if text.isascii() else text


def parse_units(text: str, file: str, problems: Problems) -> list[Unit]:
    """Rows of ``units.tsv``; every spelling unique, bases known, factors positive numbers."""
    units: list[Unit] = []
    spelled: dict[str, str] = {}
    numbers: dict[str, str] = {}
    rows = read_tsv(text, file, UNIT_COLUMNS, problems)
    codes = {row["code"] for _, row in rows}
    for line, row in rows:
        unit = Unit(**row)
        bad = _problem(unit, codes, spelled, numbers)
        if bad:
            problems.add(file, line, bad)
            continue
        for s in unit.spellings():
            spelled[key(s)] = unit.code
        if unit.comtrade:
            numbers[unit.comtrade] = unit.code
        units.append(unit)
    return units


def _problem(unit: Unit, codes: set[str], spelled: dict[str, str], numbers: dict[str, str]) -> (
    str | None
):  # fmt: skip
    if not unit.code or not unit.code.isascii():
        return f"code {unit.code!r} must be ASCII text"
    for s in unit.spellings():
        if key(s) in spelled and spelled[key(s)] != unit.code:
            return f"spelling {s!r} is already unit {spelled[key(s)]!r}"
    if unit.comtrade and (not unit.comtrade.isdigit() or unit.comtrade in numbers):
        return f"comtrade {unit.comtrade!r} is not a number, or is listed twice"
    if unit.wco not in ("yes", "no"):
        return f"wco {unit.wco!r} must be yes or no"
    if unit.base not in codes:
        return f"base {unit.base!r} is not a unit code"
    try:
        factor = Decimal(unit.factor)
    except InvalidOperation:
        return f"factor {unit.factor!r} is not a number"
    if not factor > 0 or (unit.base == unit.code and factor != 1):
        return f"factor {unit.factor!r} must be positive (and 1 for a base unit)"
    return None


def alias_table(units: list[Unit]) -> dict[str, str]:
    """Every spelling key -> unit code."""
    return {key(s): u.code for u in units for s in u.spellings()}
