"""Whole-file problems: each gets one clear message naming the file, and the store is unchanged."""

from __future__ import annotations

import gzip
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tradestats.errors import ValidationFailed
from tradestats.ingest import ingest_files

from helpers import HEADER, csv_text, row, store_listing, write_csv


def _zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("inner.csv", csv_text([row()]))


CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "missing column": (
        lambda p: p.write_text(csv_text([row()], header=[h for h in HEADER if h != "partner"])),
        "missing required column(s): partner",
    ),
    "extra column": (
        lambda p: p.write_text(csv_text([row()], header=[*HEADER, "colour"])),
        "unknown column(s): 'colour'",
    ),
    "repeated column": (
        lambda p: p.write_text(csv_text([row()], header=[*HEADER, "unit"])),
        "repeated column(s): unit",
    ),
    "no value column": (
        lambda p: p.write_text(
            csv_text([row()], header=[h for h in HEADER if not h.startswith("value")])
        ),
        "needs a value_cny or a value_usd column",
    ),
    "wrong delimiter": (
        lambda p: p.write_text(csv_text([row()], sep=";")),
        "the header has no commas but semicolons",
    ),
    "empty file": (lambda p: p.write_text(""), "is empty"),
    "binary file": (lambda p: p.write_bytes(bytes(range(256)) * 4), "is a binary file"),
    "zip renamed csv": (_zip, "is a ZIP archive"),
    "gzip": (lambda p: p.write_bytes(gzip.compress(b"period,flow\n")), "is gzip-compressed"),
    "utf-16": (lambda p: p.write_text(csv_text([row()]), encoding="utf-16"), "is UTF-16 text"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_file_gets_one_clear_message(tmp_path: Path, case: str) -> None:
    make, expected = CASES[case]
    ingest_files(tmp_path / "s", [write_csv(tmp_path / "ok.csv", [row(period="2024-01")])])
    before = store_listing(tmp_path / "s")
    bad = tmp_path / "bad.csv"
    make(bad)
    with pytest.raises(ValidationFailed) as info:
        ingest_files(tmp_path / "s", [bad])
    assert str(bad) in str(info.value)
    assert expected in str(info.value)
    assert store_listing(tmp_path / "s") == before


def test_all_file_problems_are_reported_together(tmp_path: Path) -> None:
    a = tmp_path / "a.csv"
    a.write_text("")
    b = tmp_path / "b.csv"
    b.write_text(csv_text([row()], header=[*HEADER, "colour"]))
    with pytest.raises(ValidationFailed) as info:
        ingest_files(tmp_path / "s", [a, b, tmp_path / "missing.csv"])
    message = str(info.value)
    assert f"{a}: is empty" in message
    assert f"{b}:1: unknown column(s): 'colour'" in message
    assert f"{tmp_path / 'missing.csv'}: does not exist" in message


def test_gbk_file_read_as_utf8_says_try_gbk(tmp_path: Path) -> None:
    bad = tmp_path / "gbk.csv"
    bad.write_bytes(csv_text([row(unit="千克")]).encode("gbk"))
    with pytest.raises(ValidationFailed, match="try --encoding gbk"):
        ingest_files(tmp_path / "s", [bad], encoding="utf-8")


def test_header_only_file_is_refused(tmp_path: Path) -> None:
    src = write_csv(tmp_path / "h.csv", [])
    with pytest.raises(ValidationFailed, match="no data rows"):
        ingest_files(tmp_path / "s", [src])
