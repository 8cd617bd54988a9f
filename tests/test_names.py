"""tradestats.names: names from the reference beside codes, null where the reference has none."""

from __future__ import annotations

import pyarrow as pa
import pytest

from tradestats.errors import UsageError
from tradestats.names import name_of, with_names
from tradestats.reference import load_reference

REF = load_reference()


@pytest.mark.parametrize(
    ("dim", "code", "lang", "name"),
    [
        ("partner", "VNM", "zh", "越南"),
        ("reporter", "CHN", "en", "China"),
        ("enterprise_type", "private", "zh", "民营企业"),
        ("product_group", "new_trio", "zh", "新三样"),
        ("hs4", "0101", "en", "Horses, asses, mules and hinnies; live"),
        ("hs4", "0101", "zh", None),  # HS descriptions are English only
        ("partner", "ZZZ", "en", None),  # unknown to the reference: no made-up name
        ("hs6", "0101zz", "en", None),
    ],
)
def test_name_of(dim, code, lang, name):
    assert name_of(REF, dim, code, lang) == name


def test_hs_sections_named_in_both_languages():
    assert name_of(REF, "hs_section", "XVI", "en").startswith("Machinery and mechanical")
    assert name_of(REF, "hs_section", "XVI", "zh").startswith("机器、机械器具")
    assert name_of(REF, "hs_section", "XXX", "en") is None


def test_each_named_column_gets_its_names_after_it():
    t = pa.table({"flow": ["export"], "partner": ["KOR"], "hs2": ["85"], "v": [1]})
    out = with_names(t, REF, "both")
    assert out.column_names == [
        "flow", "partner", "partner_name", "partner_name_zh", "hs2", "hs2_name", "hs2_name_zh", "v"
    ]  # fmt: skip
    row = out.to_pylist()[0]
    assert row["partner_name_zh"] == "韩国" and row["hs2_name_zh"] is None
    assert row["hs2_name"].startswith("Electrical machinery")


def test_nulls_and_none():
    t = pa.table({"partner": pa.array([None, "KOR"], pa.string())})
    assert with_names(t, REF, "en").column("partner_name").to_pylist()[0] is None
    assert with_names(t, REF, "none") == t
    with pytest.raises(UsageError):
        with_names(t, REF, "fr")
