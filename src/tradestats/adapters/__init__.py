"""Source adapters: each reads one source format into canonical records, as text with lines.

``detect`` reads a file's first bytes and asks every adapter, in a fixed order, whether it
handles the file (header, encoding, extension); ``--format`` names one instead. An adapter then
checks the header (``check``) and opens the file as a stream of ``RawBatch`` that goes through
the ingest's own rules, quarantine and reconciliation.

Example:
    >>> [a.name for a in ADAPTERS]
    ['canonical', 'comtrade', 'baci', 'comext', 'cn-customs', 'sdmx-csv']
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from tradestats.adapters.baci import BaciAdapter
from tradestats.adapters.base import Adapter, Head, Options, Source
from tradestats.adapters.canonical import CanonicalAdapter
from tradestats.adapters.cn_customs import CnCustomsAdapter
from tradestats.adapters.comext import ComextAdapter
from tradestats.adapters.comtrade import ComtradeAdapter
from tradestats.adapters.sdmx_csv import SdmxCsvAdapter
from tradestats.delimited.sniff import SAMPLE_BYTES, sniff_encoding
from tradestats.errors import UsageError, listed

ADAPTERS: tuple[Adapter, ...] = (
    CanonicalAdapter(),
    ComtradeAdapter(),
    BaciAdapter(),
    ComextAdapter(),
    CnCustomsAdapter(),
    SdmxCsvAdapter(),
)
FORMATS = ("auto", *(a.name for a in ADAPTERS))

__all__ = [
    "ADAPTERS",
    "FORMATS",
    "Adapter",
    "Head",
    "Options",
    "Source",
    "detect",
    "head_of",
    "unrecognised",
]


def adapter(name: str) -> Adapter:
    """The adapter called ``name``.

    >>> adapter("comtrade").name
    'comtrade'
    """
    for a in ADAPTERS:
        if a.name == name:
            return a
    raise UsageError(f"unknown format {name!r}", hint=f"formats: {', '.join(FORMATS)}")


def check_text_options(encoding: str | None, delimiter: str | None) -> None:
    """UsageError for an encoding Python cannot decode with, or a delimiter that is not one
    character (nor a quote or a line break).

    >>> check_text_options("gbk", ";")
    >>> check_text_options("no-such-codec", None)
    Traceback (most recent call last):
    ...
    tradestats.errors.UsageError: unknown encoding 'no-such-codec' (utf-8 or gbk)
    """
    if encoding is not None:
        try:
            b"x".decode(encoding, errors="replace")
        except LookupError:
            raise UsageError(f"unknown encoding {encoding!r}", hint="utf-8 or gbk") from None
    if delimiter is not None and (len(delimiter) != 1 or delimiter in '"\r\n'):
        raise UsageError(
            f"the delimiter must be one character (not a quote or a line break), not {delimiter!r}"
        )


def head_of(path: Path, encoding: str | None = None, delimiter: str | None = None) -> Head:
    """The first bytes of ``path``: decoded text and first-line column names when text."""
    check_text_options(encoding, delimiter)
    with path.open("rb") as fh:
        sample = fh.read(SAMPLE_BYTES)
    if sample.startswith(b"PAR1"):
        return Head(path, sample, None, "", [])
    enc = encoding or sniff_encoding(sample)
    text = sample.decode(enc or "utf-8", errors="replace").lstrip("\ufeff")
    if text.lstrip().startswith(("{", "[")):  # JSON: the keys seen in the sample
        names = list(dict.fromkeys(re.findall(r'"([A-Za-z0-9_]+)"\s*:', text)))
        return Head(path, sample, enc, text, names)
    first = text.replace("\r\n", "\n").replace("\r", "\n").split("\n", 1)[0]  # as CSV
    header = next(csv.reader(io.StringIO(first), delimiter=delimiter or ","), [])
    return Head(path, sample, enc, text, [h.strip() for h in header])


def detect(head: Head, fmt: str = "auto") -> Adapter:
    """The adapter for the file: the one named, or the first whose ``probe`` accepts it.

    Canonical comes first (a file with the canonical required columns is canonical) and last:
    a file no adapter recognises is checked as canonical, whose messages say what is wrong
    (binary, empty, wrong delimiter, missing columns); ``unrecognised`` adds a line to them.
    """
    if fmt != "auto":
        return adapter(fmt)
    for a in ADAPTERS:
        if a.probe(head):
            return a
    return ADAPTERS[0]


def unrecognised(head: Head) -> str | None:
    """The note for a text file with a header that no adapter recognised, else None."""
    if not head.header or b"\x00" in head.sample or head.encoding is None:
        return None
    if any(a.probe(head) for a in ADAPTERS):
        return None
    return (
        f"no source adapter recognises it either (first-line columns: "
        f"{listed(head.header, 8, quote=False)}); --format names one of {', '.join(FORMATS[1:])}"
    )
