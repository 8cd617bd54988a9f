"""Text layout for the checker: the header date, sentences, clauses and masked asides.

Every function keeps character offsets into the original text, so claim spans stay exact.

Example:
    >>> text = "Exports rose 5 percent. Imports fell (see Dec. 5) 2 percent."
    >>> [text[s:e] for s, e in sentences(text)]
    ['Exports rose 5 percent.', 'Imports fell (see Dec. 5) 2 percent.']
    >>> mask_asides("exports of new trio - which includes EVs - rose")
    'exports of new trio                        rose'
"""

from __future__ import annotations

import re

# Words whose final '.' does not end a sentence ("Dec. 27", "U.S. exports").
ABBREVIATIONS = frozenset(
    ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mr",
     "mrs", "ms", "dr", "no", "vs", "etc", "st", "inc", "co", "ltd", "u.s", "u.k", "e.g", "i.e",
     "approx"]
)  # fmt: skip
_HEADER_DATE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b")
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘'(]?[A-Z0-9])|(?<=[。！？；])|\n+")
_ASIDES = re.compile(
    r"\([^()\n]{0,300}\)|\s[-–—]\s(?:(?!\s[-–—]\s)[^\n]){1,300}?\s[-–—]\s|（[^（）\n]{0,300}）"
    r"|—(?:(?!—)[^\n]){1,300}?—|(?<=\w)--(?:(?!--)[^\n]){1,300}?--(?=\w)"
)
# A space between Chinese phrases cuts too: a headline's "中国9月出口年增8.3% 对美出口年减27%".
_CLAUSE = re.compile(r",(?!\d{3})|;|:|，|；|\bwhile\b|\bwhereas\b|\bbut\b|"
                     r"(?<=[\u4e00-\u9fff%％])[ \u3000]+(?=[\u4e00-\u9fff])")  # fmt: skip
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]  # fmt: skip
_MONTH_ALT = "|".join(MONTHS) + r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
_MONTH_CASED = ("January|February|March|April|May|June|July|August|September|October|November|"
                "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|"
                "JUL|AUG|SEPT?|OCT|NOV|DEC")  # fmt: skip
# Case-sensitive and literal-first: a scan of a long text stays fast.
# A day of a month is a date, not a period ("on Tue., Dec. 30", "Wednesday, 31 December"),
# unless a figure follows ("March 12 percent" is no date).
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"
_DATES = re.compile(
    rf"(?:{_MONTH_CASED})\b\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b|\d{{4}}-\d{{2}}-\d{{2}}\b"
    r"|\d{1,2}:\d{2}\b|\d{4}年\d{1,2}月\d{1,2}日"
    rf"|(?:{_MONTH_CASED})\b\.?\s+{_DAY}(?![.,]\d|\s*(?:%|percent|per\s+cent|trillion|billion|"
    rf"million))|\b{_DAY}\s+(?:of\s+)?(?:{_MONTH_CASED})\b\.?(?:,?\s+\d{{4}}\b)?"
    # A Chinese dateline, its place no subject: 新华社北京1月14日电, 中央社台北13日電.
    r"|(?:新华社|中新社|中新网|中国新闻网|央视网|人民网|中央社|本报)?[\u4e00-\u9fff]{2,4}"
    r"(?:\d{1,2}月)?\d{1,2}日(?:电|讯|電|訊)"
)


# A run of Chinese: from a CJK character (with the figure just before it, "2025年") to the
# next Latin letter or line end. Everything else is read with the English patterns. The figure
# before the run is found by walking back from the CJK character: a pattern that tried it at
# every digit would rescan a long run of digits from each of them (quadratic time).
_ZH_RUN = re.compile(r"[\u3400-\u9fff\u3007\u25cb][^A-Za-z\n]*")
_FIGURE_MARKS = frozenset(".,%％-–—")  # with any decimal digit, as the \\d of a pattern


def zh_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of the Chinese runs of ``text``: an English page with a Chinese word in its
    header stays English, and a bilingual page is read in both languages.

    >>> t = "经济 | Exports rose 5% in 2025. 2025年出口增长5%。"
    >>> [t[s:e] for s, e in zh_runs(t)]
    ['经济 | ', '2025年出口增长5%。']
    """
    runs: list[tuple[int, int]] = []
    floor = 0  # a run's figure never reaches into the run before it
    for m in _ZH_RUN.finditer(text):
        start = i = m.start()
        while i > floor and text[i - 1].isspace():
            i -= 1
        j = i
        while j > floor and (text[j - 1].isdecimal() or text[j - 1] in _FIGURE_MARKS):
            j -= 1
        if j < i:
            start = j
        runs.append((start, m.end()))
        floor = m.end()
    return runs


def header_date(text: str) -> str | None:
    """The article date from a first line ``date YYYY-MM-DD`` (the seed files' header).

    >>> header_date("date 2026-01-14 China's trade ...")
    '2026-01-14'
    """
    m = _HEADER_DATE.match(text)
    return m[1] if m else None


def first_date(text: str) -> str | None:
    """The first full date in the opening lines, as YYYY-MM-DD, when no header gives one.

    >>> first_date("14:07, January 14, 2026 By Ma Jingjing")
    '2026-01-14'
    """
    m = re.search(rf"\b({_MONTH_ALT})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", text[:1000], re.I)
    if not m:
        return None
    month = next(i for i, n in enumerate(MONTHS, 1) if n.startswith(m[1].lower()[:3]))
    return f"{m[3]}-{month:02d}-{int(m[2]):02d}"


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the '.' at ``dot`` ends an abbreviation ('Dec.', 'U.S.') or an initial."""
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    return word in ABBREVIATIONS or len(word) == 1


_LAST: list[tuple[str, list[tuple[int, int]]]] = []  # the last text split, split once


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; line breaks always end one.

    >>> t = "The U.S. fell. Next"
    >>> [t[s:e] for s, e in sentences(t)]
    ['The U.S. fell.', 'Next']
    """
    if _LAST and _LAST[0][0] is text:
        return list(_LAST[0][1])
    out = _split(text)
    _LAST[:] = [(text, out)]
    return list(out)


def _split(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        dot = m.start() - 1
        while dot > 0 and text[dot] in "\"”’'":
            dot -= 1
        if text[dot : dot + 1] == "." and m[0].strip() == "" and _is_abbreviation(text, dot):
            continue
        _add(out, text, start, m.start())
        start = m.end()
    _add(out, text, start, len(text))
    return out


# A "sentence" longer than this is not prose (a table flattened to one line, a pasted list):
# it is read in pieces cut at a space, since the readers of a sentence compare each of its
# figures with the words before it, which over one 100 KB line is quadratic time.
MAX_SENTENCE = 1500


def _add(out: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        _add(out, text, start, cut)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append((start, end))


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the given spans replaced by spaces (offsets unchanged).

    >>> blank("a (b) c", [(2, 5)])
    'a     c'
    """
    parts, pos = [], 0
    for s, e in sorted(spans):
        s = max(s, pos)
        if e > s:
            parts += [text[pos:s], " " * (e - s)]
            pos = e
    parts.append(text[pos:])
    return "".join(parts)


def mask_asides(text: str) -> str:
    """Parentheses and dash asides blanked: they name examples, not the subject."""
    spans = [(m.start() + 1, m.end() - 1) for m in _ASIDES.finditer(text)]
    return blank(text, spans)


def mask_dates(text: str) -> str:
    """Full dates and clock times blanked, so their digits are not read as figures."""
    return blank(text, [(m.start(), m.end()) for m in _DATES.finditer(text)])


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the clauses of ``text[start:end]``: split at commas, ';', 'while'."""
    out: list[tuple[int, int]] = []
    cur = start
    for m in _CLAUSE.finditer(text, start, end):
        out.append((cur, m.start()))
        cur = m.end()
    out.append((cur, end))
    return [c for c in out if c[1] > c[0]]
