"""hypothesis strategies of hostile inputs: random bytes, mutated valid files, files of valid
headers with nasty cells, and nasty texts for the parsers.

Example:
    >>> apply_mutations(b"a,b\\n1,2\\n", [("truncate", 0.5, b"")])
    b'a,b\\n'
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

# Cells that have broken parsers before: empty and blank, NA spellings, non-finite and huge
# numbers, other digit systems, separators in odd places, quotes, SQL, controls, very long text.
NASTY_CELLS = [
    "", " ", "NA", "NaN", "nan", "null", "NULL", "None", "true", "-0", "+5", "1e309", "1e3",
    "0x1F", "1_000", "١٢٣", "１２３", "9" * 40, "-1", "1.005", "12.", ".5", " 5 ", "1,234",
    "1,23,4", "∞", "inf", "-inf", "0", "00", "000", "TOTAL", "total", "2", "4", "999", "0", "X1",
    "_X", "W00", "CN", "EL", "UK", "QU", "QV", "CHN", "USA", "ZZZ", "2025-13", "2025-00",
    "2025-01..2024-12", "202513", "202500", "2025年13月", "2025年1-2月", "202501-202513",
    "202501-02", "2025-01..2025-02", "1949-12", "2101", "0000", "52", "13", "A", "M", "X", "RX",
    "出口", "进口", "累计", "'", '"', '""', "\\", "%", "_", "'; DROP TABLE src; --",
    "\" OR \"1\"=\"1", "read_csv('/etc/passwd')", "\u202e", "😀", "\t", "\r", "\n", "a" * 300,
    "é", "中国香港", "俄罗斯联邦", "国(地)别不详", "\x7f", "\u00a0", "\ufeff",
]  # fmt: skip
NASTY_BYTES = [
    b'"', b",", b";", b"\t", b"\n", b"\r\n", b"\r", b"\x00", b"\xff", b"\xfe\xff", b"{", b"}",
    b"[", b"]", b":", b'"data":', b"\xef\xbb\xbf", "é".encode(), "中".encode("gbk"), b"\x80",
    b"NaN", b"9" * 40, b"-1", b"1e999", b"PAR1", b"\\", b"''", b"\xc0\xaf", b"null",
]  # fmt: skip
OPS = ("flip", "insert", "delete", "duplicate", "truncate", "swap-lines", "cell")


def apply_mutations(seed: bytes, ops: list[tuple[str, float, bytes]]) -> bytes:
    """Apply each (operation, position as a fraction of the length, payload) to ``seed``."""
    data = bytearray(seed)
    for op, where, payload in ops:
        pos = min(len(data), int(where * (len(data) + 1)))
        if op == "flip" and data:
            at = min(pos, len(data) - 1)
            data[at] = payload[0] if payload else data[at] ^ 0xFF
        elif op == "insert":
            data[pos:pos] = payload
        elif op == "delete":
            del data[pos : pos + 1 + len(payload)]
        elif op == "duplicate":
            data[pos:pos] = data[max(0, pos - 1 - 4 * len(payload)) : pos]
        elif op == "truncate":
            del data[pos:]
        elif op == "swap-lines":
            lines = bytes(data).split(b"\n")
            i, j = pos % max(1, len(lines)), len(payload) % max(1, len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines))
        elif op == "cell":  # replace the field around pos (up to the next , or newline)
            end = pos
            while end < len(data) and data[end] not in b",\n":
                end += 1
            start = pos
            while start > 0 and data[start - 1] not in b",\n":
                start -= 1
            data[start:end] = payload
    return bytes(data)


def payloads() -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.sampled_from(NASTY_BYTES),
        st.sampled_from(NASTY_CELLS).map(lambda s: s.encode("utf-8")),
        st.binary(max_size=12),
    )


def mutated(seed: bytes, most: int = 8) -> st.SearchStrategy[bytes]:
    """``seed`` after 1 to ``most`` random mutations."""
    op = st.tuples(st.sampled_from(OPS), st.floats(0, 1), payloads())
    return st.lists(op, min_size=1, max_size=most).map(lambda ops: apply_mutations(seed, ops))


def cells() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(NASTY_CELLS), st.text(max_size=12))


def _csv_cell(text: str, quote: bool) -> str:
    return (
        '"' + text.replace('"', '""') + '"' if quote or any(c in text for c in ',"\n\r') else text
    )


@st.composite
def csv_with_header(draw: Any, header: str, encoding: str = "utf-8") -> bytes:
    """The real ``header`` (or a mangled copy of it) and rows of nasty cells."""
    names = header.split(",")
    if draw(st.booleans()):
        names = draw(st.permutations(names))
        if draw(st.booleans()):
            names = [*names, draw(st.sampled_from(["", " ", names[0], "extra", '"x"', "é"]))]
    width = len(names)
    rows = draw(
        st.lists(
            st.lists(st.tuples(cells(), st.booleans()), min_size=width - 1, max_size=width + 1),
            max_size=6,
        )
    )
    lines = [",".join(names)]
    lines += [",".join(_csv_cell(t, q) for t, q in row) for row in rows]
    ending = draw(st.sampled_from(["\n", "\r\n", ""]))
    return ending.join(lines).encode(encoding, errors="replace") + ending.encode()


def json_values() -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**30), 10**30),
        st.floats(allow_nan=True, allow_infinity=True),
        cells(),
    )
    return st.recursive(scalars, lambda inner: st.lists(inner, max_size=3), max_leaves=6)


@st.composite
def comtrade_json(draw: Any, keys: list[str]) -> bytes:
    """``{"data": [records]}`` (or a bare list) with the real keys and nasty values."""
    records = draw(
        st.lists(
            st.one_of(
                st.dictionaries(st.sampled_from([*keys, "x", ""]), json_values(), max_size=16),
                json_values(),
            ),
            max_size=5,
        )
    )
    doc: Any = records if draw(st.booleans()) else {"count": len(records), "data": records}
    return json.dumps(doc).encode()


def period_texts() -> st.SearchStrategy[str]:
    """Period spellings: near-valid forms (any digits, signs, years 0000-9999) and any text."""
    forms = st.from_regex(
        r"\A\s?[0-9０-９٠-٩]{0,5}(-?([Qq][0-9]|[Hh][0-9]|[0-9]{1,3}|YTD|ytd)"
        r"(\.\.[0-9]{4}-[0-9]{2})?)?\s?\Z",
        fullmatch=True,
    )
    return st.one_of(forms, st.sampled_from(NASTY_CELLS), st.text(max_size=20))


# Fragments that make regular expressions work hard when repeated, and claim-like pieces.
CLAIM_FRAGMENTS = [
    "1,", "1.", "9", " ", "  ", "percent", "per cent", "%", "trillion", "billion", " yuan",
    "US$", "$", "¥", "exports", "imports", " rose ", " fell ", "by ", "to ", "from ",
    "consecutive ", "three ", "quarters", "months", "in a row", "since the second quarter",
    "of last year", "percentage points", "pp", "countries and regions", "record high",
    "largest", "(", ")", "-", "—", "增长", "下降", "亿元", "万亿", "百分点", "3.8%", "第",
    "2025", "2025-Q2", "January-November", "\n", ". ", ", ", "nearly ", "over ", "about ",
]  # fmt: skip


def claim_texts() -> st.SearchStrategy[str]:
    """Texts of claim-like fragments, some repeated hundreds of times, and any text."""
    repeated = st.tuples(st.sampled_from(CLAIM_FRAGMENTS), st.integers(1, 600)).map(
        lambda t: t[0] * t[1]
    )
    pieces = st.lists(st.one_of(st.sampled_from(CLAIM_FRAGMENTS), repeated, st.text(max_size=8)),
                      max_size=30)  # fmt: skip
    return st.one_of(pieces.map("".join), st.text(max_size=200))
