"""The parameters of a mirror question, defined once for `tradestats mirror` and the HTTP API.

Example:
    >>> q = build_mirror({"period": "2025", "reporter": "chn"})
    >>> q.reporter, q.flow, q.basis
    ('CHN', 'export', 'value_usd')
    >>> build_mirror({"period": "2025", "reporter": "CHN,USA"})
    Traceback (most recent call last):
    ...
    tradestats.errors.BadParameter: reporter must be one ISO alpha-3 code, not 'CHN,USA'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from tradestats.errors import BadParameter
from tradestats.indicators.contract import Param
from tradestats.indicators.suggest import choice, nearest

FLOWS = ("export", "import")
BASES = ("value_usd", "value_cny", "value_eur", "value_cif_usd", "value_fob_usd")
MIRROR_PARAMS: tuple[Param, ...] = (
    Param("period", "Reporting period: 2025, 2025-Q2, 2025-03 ...", required=True),
    Param("reporter", "The reporter whose flows are mirrored (one ISO alpha-3 code).",
          required=True),
    Param("flow", "Its flow; the partners' opposite flow is set beside it.", "export",
          choices=FLOWS),
    Param("basis", "Money measure of both sides.", "value_usd", choices=BASES),
    Param("partner", "Only these partners (ISO codes or partner groups)."),
    Param("product", "Only these HS prefixes or product groups."),
    Param("as_of", "Read the store as of a batch id (b000003) or an ISO time."),
)  # fmt: skip
MIRROR_NAMES = tuple(p.name for p in MIRROR_PARAMS)
_CODE = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True)
class MirrorQuestion:
    """A checked mirror question; ``answer(engine)`` computes its table."""

    period: str
    reporter: str
    flow: str = "export"
    basis: str = "value_usd"
    partner: str | None = None
    product: str | None = None
    as_of: str | None = None

    def answer(self, engine: Any) -> pa.Table:
        from tradestats.mirror.compute import mirror_table

        return mirror_table(engine, self.period, self.reporter, self.flow, self.basis,
                            self.partner, self.product, self.as_of)  # fmt: skip

    def described(self) -> dict[str, Any]:
        """The question as understood (echoed beside an HTTP answer)."""
        other = "import" if self.flow == "export" else "export"
        return {"period": self.period, "reporter": self.reporter, "flow": self.flow,
                "mirror_flow": other, "basis": self.basis, "partner": self.partner,
                "product": self.product, "as_of": self.as_of}  # fmt: skip


def build_mirror(values: Mapping[str, Any]) -> MirrorQuestion:
    """The MirrorQuestion for ``values`` (name -> value; None or absent: the default); a value
    it does not accept is a ``BadParameter`` naming the parameter."""
    for name in values:
        if name not in MIRROR_NAMES:
            raise BadParameter(str(name), f"unknown parameter {name!r}",
                               hint=nearest(str(name), MIRROR_NAMES))  # fmt: skip
    given = {k: str(v).strip() for k, v in values.items() if v is not None and str(v).strip()}
    for p in MIRROR_PARAMS:
        if p.required and p.name not in given:
            raise BadParameter(p.name, f"{p.name} is needed", hint=p.help)
    reporter = given["reporter"].upper()
    if not _CODE.fullmatch(reporter):
        raise BadParameter(
            "reporter", f"reporter must be one ISO alpha-3 code, not {given['reporter']!r}"
        )
    return MirrorQuestion(
        period=given["period"],
        reporter=reporter,
        flow=choice("flow", given.get("flow", "export"), FLOWS),
        basis=choice("basis", given.get("basis", "value_usd"), BASES),
        partner=given.get("partner"),
        product=given.get("product"),
        as_of=given.get("as_of"),
    )
