"""Validate SDMX-ML structure-specific data against its own data structure.

SDMX 2.1 derives, for each DSD, a structure-specific XML schema in which every observation
attribute has the type of its component: the code list as an enumeration, or the text format
as a pattern. The generic SDMX schemas that such a schema extends are not shipped with sdmx1
and cannot be downloaded here, so ``dsd_schema`` writes a self-contained schema of the same
content checks: the message's root and header (the header's content is not checked), one or
more data sets, and in each observation exactly the DSD's dimensions, measure and attributes,
each with its code list or pattern. ``validate`` runs it with lxml and returns the errors.

Example:
    >>> from tradestats.reference import load_reference                 # doctest: +SKIP
    >>> validate(sdmx_ml_bytes, load_reference())                       # doctest: +SKIP
    []
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import quoteattr

from tradestats.sdmxio.structure import (
    ATTRIBUTES,
    COMMODITY_PATTERN,
    DIMENSIONS,
    TIME_PATTERN,
    UNIT_PATTERN,
    VALUE_PATTERN,
    code_lists,
)

MES = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
_PATTERNS = {
    "COMMODITY": COMMODITY_PATTERN,
    "TIME_PERIOD": TIME_PATTERN,
    "OBS_VALUE": VALUE_PATTERN,
    "UNIT_MEASURE": UNIT_PATTERN,
}


def _simple_type(name: str, lists: dict[str, dict[str, str]]) -> str:
    if name in lists:
        facets = "".join(f"<xs:enumeration value={quoteattr(c)}/>" for c in lists[name])
    else:
        facets = f"<xs:pattern value={quoteattr(_PATTERNS[name])}/>"
    return (
        f'<xs:simpleType name="{name}Type"><xs:restriction base="xs:string">{facets}'
        "</xs:restriction></xs:simpleType>"
    )


def dsd_schema(ref: Any) -> str:
    """The XML schema text of the DSD's structure-specific data messages."""
    lists = code_lists(ref)
    components = (*DIMENSIONS, "OBS_VALUE", *ATTRIBUTES)
    attrs = "".join(
        f'<xs:attribute name="{c}" type="mes:{c}Type" use="required"/>' for c in components
    )
    types = "".join(_simple_type(c, lists) for c in components)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:mes="{MES}"
  targetNamespace="{MES}" elementFormDefault="qualified" attributeFormDefault="unqualified">
  {types}
  <xs:complexType name="ObsType"><xs:sequence/>{attrs}</xs:complexType>
  <xs:complexType name="AnyContent">
    <xs:sequence><xs:any namespace="##any" processContents="skip" minOccurs="0"
      maxOccurs="unbounded"/></xs:sequence>
    <xs:anyAttribute processContents="skip"/>
  </xs:complexType>
  <xs:complexType name="DataSetType">
    <xs:sequence><xs:element name="Obs" form="unqualified" type="mes:ObsType" minOccurs="0"
      maxOccurs="unbounded"/></xs:sequence>
    <xs:attribute name="structureRef" type="xs:string" use="required"/>
    <xs:anyAttribute namespace="##other" processContents="skip"/>
  </xs:complexType>
  <xs:element name="StructureSpecificData">
    <xs:complexType><xs:sequence>
      <xs:element name="Header" type="mes:AnyContent"/>
      <xs:element name="DataSet" type="mes:DataSetType" maxOccurs="unbounded"/>
      <xs:element name="Footer" type="mes:AnyContent" minOccurs="0"/>
    </xs:sequence></xs:complexType>
  </xs:element>
</xs:schema>
"""


def validate(data: bytes, ref: Any) -> list[str]:
    """Errors of an SDMX-ML message against the DSD (empty when it validates)."""
    from lxml import etree

    schema = etree.XMLSchema(etree.fromstring(dsd_schema(ref).encode()))
    try:
        doc = etree.fromstring(data)
    except etree.XMLSyntaxError as err:
        return [f"not well-formed XML: {err}"]
    if schema.validate(doc):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]
