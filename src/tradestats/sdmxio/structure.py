"""The data structure definition (DSD) of merchandise trade, as data, and its sdmx1 objects.

    dimensions  FREQ, REPORTER, PARTNER, FLOW, COMMODITY, MEASURE, ADJUSTMENT, TIME_PERIOD
    measure     OBS_VALUE (exact decimal text)
    attributes  UNIT_MEASURE, OBS_STATUS, CONF_STATUS

Agency TRADESTATS, DSD_MERCH_TRADE 1.0, dataflow DF_MERCH_TRADE 1.0. Areas (reporter, partner)
are ISO alpha-3 codes, the reference's partner groups and ``_T`` (all partners) / ``_Z`` (not
applicable: the store's own reporter); commodities are HS codes (2 to 10 digits), HS sections
(Roman numerals), product groups, or ``_T`` (all products): a pattern, not a code list, since
national HS lines are open-ended. OBS_STATUS and CONF_STATUS follow the SDMX cross-domain
code lists (A normal, M missing; F free, C confidential, D secondary confidentiality), and
ADJUSTMENT its CL_ADJUSTMENT codes: N as recorded, Y calendar and seasonally adjusted (what
``seasonal=sa`` gives: Spring Festival, trading days and season removed), T trend-cycle.
Version 1.1 added ADJUSTMENT; a 1.0 file (without it) is read as N.

Example:
    >>> FLOW_CODES["export"], FLOW_CODES["balance"]
    ('X', 'B')
    >>> COMMODITY_PATTERN
    '_T|[0-9]{2,10}|[IVX]{1,5}|[a-z][a-z0-9_]*'
"""

from __future__ import annotations

from typing import Any

AGENCY, VERSION = "TRADESTATS", "1.1"
DSD_ID, DATAFLOW_ID = "DSD_MERCH_TRADE", "DF_MERCH_TRADE"
DIMENSIONS = (
    "FREQ", "REPORTER", "PARTNER", "FLOW", "COMMODITY", "MEASURE", "ADJUSTMENT", "TIME_PERIOD",
)  # fmt: skip
ATTRIBUTES = ("UNIT_MEASURE", "OBS_STATUS", "CONF_STATUS")
FLOW_CODES = {
    "export": "X", "import": "M", "re_export": "RX", "re_import": "RM", "total": "XM",
    "balance": "B",
}  # fmt: skip
FREQ_CODES = {"A": "Annual", "S": "Half-yearly", "Q": "Quarterly", "M": "Monthly", "_O": "Other"}
OBS_STATUS = {"A": "Normal value", "M": "Missing value"}
CONF_STATUS = {"F": "Free", "C": "Confidential", "D": "Secondary confidentiality"}
ADJUSTMENT_CODES = {
    "N": "Neither seasonally adjusted nor calendar adjusted data",
    "Y": "Calendar and seasonally adjusted data",
    "T": "Trend-cycle data",
}
ADJUSTED_SUFFIXES = {"_sa": "Y", "_trend": "T"}  # result columns of seasonal=sa|trend
MEASURE_UNITS = {
    "value_cny": "CNY", "value_usd": "USD", "value_eur": "EUR", "quantity": "_Q",
    "records": "NUM", "enterprises": "NUM", "partners": "NUM", "partners_growing": "NUM",
    "growth_streak": "NUM", "rank": "NUM", "yoy_pct": "PC", "share_pct": "PC",
    "share_change_pp": "PP", "contribution_pp": "PP",
}  # fmt: skip
COMMODITY_PATTERN = "_T|[0-9]{2,10}|[IVX]{1,5}|[a-z][a-z0-9_]*"
UNIT_PATTERN = "[A-Za-z0-9_%/.-]{1,20}"
TIME_PATTERN = (
    r"[0-9]{4}|[0-9]{4}-S[12]|[0-9]{4}-Q[1-4]|[0-9]{4}-[0-9]{2}|[0-9]{4}-[0-9]{2}-01/P[0-9]{1,2}M"
)
VALUE_PATTERN = r"-?[0-9]+(\.[0-9]+)?|NaN"


def area_codes(ref: Any) -> dict[str, str]:
    """Code -> name of the area code list: partners of the reference, its groups, _T, _Z."""
    from tradestats.indicators import reference_api as refapi

    out = {"_T": "All partners", "_Z": "Not applicable (the store's own reporter)"}
    out.update({c.iso3: c.name_en for c in ref.countries})
    out.update({g: f"Partner group {g}" for g in refapi.partner_group_names(ref)})
    return out


def code_lists(ref: Any) -> dict[str, dict[str, str]]:
    """Every enumerated component -> its codes and names."""
    from tradestats.indicators.query import Measure

    return {
        "FREQ": FREQ_CODES,
        "REPORTER": area_codes(ref),
        "PARTNER": area_codes(ref),
        "FLOW": {v: k for k, v in FLOW_CODES.items()},
        "MEASURE": {m.value.upper(): m.value for m in Measure},
        "ADJUSTMENT": ADJUSTMENT_CODES,
        "OBS_STATUS": OBS_STATUS,
        "CONF_STATUS": CONF_STATUS,
    }


_BUILT: dict[int, tuple[Any, Any, Any]] = {}


def _structures(ref: Any) -> tuple[Any, Any, Any]:
    import sdmx.message
    from sdmx.model import common, v21

    ma: dict[str, Any] = {"maintainer": common.Agency(id=AGENCY), "version": VERSION}
    cs = common.ConceptScheme(id="CS_MERCH_TRADE", **ma)
    dsd = v21.DataStructureDefinition(id=DSD_ID, **ma)
    sm = sdmx.message.StructureMessage()
    lists = code_lists(ref)
    for dim in DIMENSIONS:
        concept = cs.setdefault(id=dim, name=dim.replace("_", " ").title())
        if dim == "TIME_PERIOD":
            dsd.dimensions.getdefault(id=dim, cls=v21.TimeDimension, concept_identity=concept)
            continue
        rep = None
        if dim in lists:
            cl = common.Codelist(id=f"CL_{dim}", **ma)
            for code, name in lists[dim].items():
                cl.setdefault(id=code, name=name)
            sm.add(cl)
            rep = common.Representation(enumerated=cl)
        dsd.dimensions.getdefault(id=dim, concept_identity=concept, local_representation=rep)
    dsd.measures.getdefault(id="OBS_VALUE", concept_identity=cs.setdefault(id="OBS_VALUE"))
    for att in ATTRIBUTES:
        rep = None
        if att in lists:
            cl = common.Codelist(id=f"CL_{att}", **ma)
            for code, name in lists[att].items():
                cl.setdefault(id=code, name=name)
            sm.add(cl)
            rep = common.Representation(enumerated=cl)
        dsd.attributes.getdefault(
            id=att, concept_identity=cs.setdefault(id=att), local_representation=rep,
            related_to=v21.PrimaryMeasureRelationship(),
        )  # fmt: skip
    flow = v21.DataflowDefinition(id=DATAFLOW_ID, **ma, structure=dsd)
    for obj in (cs, dsd, flow):
        sm.add(obj)
    return sm, dsd, flow


def structures(ref: Any) -> tuple[Any, Any, Any]:
    """(StructureMessage, DataStructureDefinition, DataflowDefinition) as sdmx1 objects."""
    if id(ref) not in _BUILT:
        _BUILT[id(ref)] = _structures(ref)
    return _BUILT[id(ref)]
