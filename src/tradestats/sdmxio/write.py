"""Write and read SDMX-CSV 2.0 and SDMX-ML 2.1 structure-specific data.

SDMX-ML goes through sdmx1's writer (``sdmx.to_xml`` of a ``StructureSpecificDataSet``) and is
read back with ``sdmx.read_sdmx`` and the DSD. SDMX-CSV is written here, because sdmx1's CSV
writer goes through pandas floats (``123456789012.35`` would lose digits): the columns are
those of SDMX-CSV 2.0 (STRUCTURE, STRUCTURE_ID, ACTION, the dimensions, OBS_VALUE, the
attributes) and sdmx1's SDMX-CSV reader reads it back.

Example:
    >>> text = to_sdmx_csv([{"FREQ": "M", "REPORTER": "_Z", "PARTNER": "USA", "FLOW": "X",
    ...     "COMMODITY": "_T", "MEASURE": "VALUE_CNY", "ADJUSTMENT": "N", "TIME_PERIOD": "2025-03",
    ...     "OBS_VALUE": "12.50", "UNIT_MEASURE": "CNY", "OBS_STATUS": "A",
    ...     "CONF_STATUS": "F"}])
    >>> text.splitlines()[1]
    'dataflow,TRADESTATS:DF_MERCH_TRADE(1.1),I,M,_Z,USA,X,_T,VALUE_CNY,N,2025-03,12.50,CNY,A,F'
"""

from __future__ import annotations

import csv
import io
from typing import Any

from tradestats.sdmxio.structure import (
    AGENCY,
    ATTRIBUTES,
    DATAFLOW_ID,
    DIMENSIONS,
    VERSION,
    structures,
)

STRUCTURE_ID = f"{AGENCY}:{DATAFLOW_ID}({VERSION})"
CSV_HEADER = ("STRUCTURE", "STRUCTURE_ID", "ACTION", *DIMENSIONS, "OBS_VALUE", *ATTRIBUTES)


def to_sdmx_csv(obs: list[dict[str, str]]) -> str:
    """SDMX-CSV 2.0 text of the observations (action I: information)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_HEADER)
    for o in obs:
        w.writerow(["dataflow", STRUCTURE_ID, "I", *(o[k] for k in CSV_HEADER[3:])])
    return buf.getvalue()


def to_sdmx_ml(obs: list[dict[str, str]], ref: Any) -> bytes:
    """SDMX-ML 2.1 structure-specific data message of the observations (sdmx1 writes it)."""
    import sdmx.message
    from sdmx.model import common, v21

    import sdmx

    _, dsd, flow = structures(ref)
    measure = dsd.measures[0]
    ds = v21.StructureSpecificDataSet(described_by=flow, structured_by=dsd)
    items = []
    for o in obs:
        key = dsd.make_key(common.Key, {d: o[d] for d in DIMENSIONS})
        attrs = {
            a: common.AttributeValue(value=o[a], value_for=dsd.attributes.get(a))
            for a in ATTRIBUTES
        }
        items.append(
            v21.Observation(
                dimension=key, value=o["OBS_VALUE"], value_for=measure, attached_attribute=attrs
            )
        )
    ds.add_obs(items)
    header = sdmx.message.Header(id="TRADESTATS_EXPORT", sender=common.Agency(id=AGENCY))
    msg = sdmx.message.DataMessage(dataflow=flow, data=[ds], header=header)
    return bytes(sdmx.to_xml(msg, pretty_print=True))


def _rows(message: Any) -> list[dict[str, str]]:
    out = []
    for ds in message.data:
        for o in ds.obs:
            row = {k: str(v.value) for k, v in o.key.values.items()}
            row["OBS_VALUE"] = str(o.value)
            for a in ATTRIBUTES:
                av = o.attrib.get(a)
                row[a] = str(getattr(av, "value", av)) if av is not None else ""
            out.append(row)
    return out


def read_sdmx_ml(data: bytes, ref: Any) -> list[dict[str, str]]:
    """Observations of an SDMX-ML structure-specific message, read by sdmx1 with the DSD."""
    import sdmx

    _, dsd, _ = structures(ref)
    return _rows(sdmx.read_sdmx(io.BytesIO(data), structure=dsd))


def read_sdmx_csv(text: str, ref: Any) -> list[dict[str, str]]:
    """Observations of an SDMX-CSV 2.0 file, read by sdmx1 with the dataflow."""
    import sdmx

    _, _, flow = structures(ref)
    return _rows(sdmx.read_sdmx(io.BytesIO(text.encode()), format="csv", structure=flow))
