"""Looking at the first bytes of an input file: what it is, its encoding, its delimiter, its header.

Every problem found is returned (not raised one at a time) so that the user sees all of them.

Example:
    >>> sniff_encoding("出口".encode("gbk"))
    'gb18030'
    >>> sniff_encoding(b"period,flow")
    'utf-8'
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from tradestats.errors import listed
from tradestats.records import COLUMN_NAMES, REQUIRED

SAMPLE_BYTES = 1 << 16
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as known."""

    file: str
    line: int | None
    field: str | None
    reason: str

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line is not None else "")
        return f"{where}: {self.field + ': ' if self.field else ''}{self.reason}"


@dataclass
class Sniffed:
    """What the first bytes of a file say about how to read it."""

    path: Path
    kind: str  # "csv" or "parquet"
    encoding: str | None = None
    delimiter: str = ","
    header: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def sniff_encoding(sample: bytes) -> str | None:
    """UTF-8 when the sample decodes as UTF-8, else GB18030 (a superset of GBK), else None."""
    for encoding in ("utf-8", "gb18030"):
        for cut in range(4):  # the sample may end inside a multi-byte character
            try:
                sample[: len(sample) - cut].decode(encoding)
                return encoding
            except UnicodeDecodeError:
                continue
    return None


def _binary_problem(sample: bytes) -> str | None:
    if sample.startswith(b"PK\x03\x04"):
        return "is a ZIP archive, not a CSV file: unpack it first"
    if sample.startswith(b"\x1f\x8b"):
        return "is gzip-compressed, not a CSV file: decompress it first"
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "is UTF-16 text: save it as UTF-8 or GBK"
    if b"\x00" in sample:
        return "is a binary file, not CSV text (it contains NUL bytes)"
    return None


def sniff(path: Path, encoding: str | None = None, delimiter: str | None = None) -> Sniffed:
    """Inspect ``path``; problems in the returned value say why it cannot be read."""
    name = str(path)
    try:
        with path.open("rb") as fh:
            sample = fh.read(SAMPLE_BYTES)
    except OSError as err:
        return Sniffed(path, "csv", problems=[Problem(name, None, None, f"cannot read: {err}")])
    if sample.startswith(b"PAR1"):
        return Sniffed(path, "parquet")
    out = Sniffed(path, "csv")
    if not sample.strip(b"\xef\xbb\xbf \r\n\t"):
        out.problems.append(Problem(name, None, None, "is empty"))
        return out
    binary = _binary_problem(sample)
    if binary:
        out.problems.append(Problem(name, None, None, binary))
        return out
    out.encoding = encoding or sniff_encoding(sample)
    if out.encoding is None:
        out.problems.append(Problem(name, None, None, "is neither UTF-8 nor GBK text"))
        return out
    text = sample.decode(out.encoding, errors="replace").lstrip("\ufeff")
    first = text.replace("\r\n", "\n").replace("\r", "\n").split("\n", 1)[0]  # as CSV
    out.delimiter = delimiter or ","
    out.header = [
        h.strip().lower()
        for h in next(csv.reader(io.StringIO(first), delimiter=out.delimiter), [])  # first: ""
    ]
    out.problems.extend(header_problems(name, out.header, first, out.delimiter))
    return out


def header_problems(name: str, header: list[str], first_line: str, delimiter: str) -> list[Problem]:
    """Missing, unknown and repeated columns of a canonical header; a likely wrong delimiter."""
    if len(header) == 1 and delimiter == ",":
        for other, label in DELIMITERS.items():
            if other != "," and other in first_line:
                return [
                    Problem(
                        name,
                        1,
                        None,
                        f"the header has no commas but {label}s: canonical CSV is comma-separated "
                        f"(or pass --delimiter {other!r})",
                    )
                ]
    problems = []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        problems.append(Problem(name, 1, None, f"missing required column(s): {', '.join(missing)}"))
    if not {"value_cny", "value_usd", "value_eur"} & set(header):
        problems.append(
            Problem(name, 1, None, "needs a value_cny or a value_usd column (or value_eur)")
        )
    unknown = [c for c in header if c not in COLUMN_NAMES]
    if unknown:
        problems.append(
            Problem(
                name,
                1,
                None,
                f"unknown column(s): {listed(unknown)}; "
                f"canonical columns are {', '.join(COLUMN_NAMES)}",
            )
        )
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        shown = listed(repeated, quote=False)
        problems.append(Problem(name, 1, None, f"repeated column(s): {shown}"))
    return problems
