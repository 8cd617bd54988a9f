"""The claim checker: extract the numeric trade claims of an article, resolve what each is
about, verify it against a store (through the engine) and check the text against itself.

Example:
    >>> from tradestats.checker import check
    >>> report = check("date 2026-01-14 In 2025, exports grew by 6.1 percent to 26.99 "
    ...                "trillion yuan, and imports rose 0.5 percent to 18.48 trillion yuan; "
    ...                "total trade reached 45.47 trillion yuan.")
    >>> [(c.text, c.subject.flow, c.period, c.verdict.value) for c in report.claims][0]
    ('6.1 percent', 'export', '2025', 'unverifiable')
    >>> [(f.check, f.ok) for f in report.consistency]
    [('parts_sum', True)]
"""

from __future__ import annotations

import os
from typing import Any

from tradestats.checker.consistency import consistency
from tradestats.checker.extract import add_sentences, extract, no_overlaps
from tradestats.checker.lexicon import Lexicon
from tradestats.checker.model import Claim, Finding, Measure, Report, Stated, Subject, Verdict
from tradestats.checker.resolve import resolve
from tradestats.checker.text import first_date, header_date
from tradestats.checker.verify import Runner, verify

__all__ = [
    "Claim",
    "Finding",
    "Measure",
    "Report",
    "Stated",
    "Subject",
    "Verdict",
    "check",
    "extract_claims",
]

NO_STORE = "no store given: only the consistency checks ran"


def extract_claims(text: str, article_date: str | None = None) -> list[Claim]:
    """Extract and resolve the claims of ``text`` without verifying them.

    >>> [c.text for c in extract_claims("Imports fell 2 percent in 2025.")]
    ['2 percent']
    """
    from tradestats.checker.text import blank, zh_runs
    from tradestats.checker.zh import extract_zh

    date = article_date or header_date(text) or first_date(text)
    english = extract(blank(text, zh_runs(text)))  # Chinese runs are read by extract_zh
    for c in english:
        c.text = text[c.start : c.end]
    claims = no_overlaps(extract_zh(text) + english)
    add_sentences(text, claims)
    resolve(text, claims, Lexicon.build(), date)
    return claims


def check(
    text: str,
    store: Any = None,
    *,
    as_of: str | None = None,
    article_date: str | None = None,
) -> Report:
    """Check every numeric claim of ``text``; ``store`` is a Store, a path or an Engine.

    Without a store every claim is ``unverifiable`` and only the consistency checks run.
    The article date (for "last year") comes from ``article_date``, a first line
    ``date YYYY-MM-DD`` or the first full date near the top.
    """
    date = article_date or header_date(text) or first_date(text)
    claims = extract_claims(text, date)
    if store is None:
        for c in claims:
            c.verdict, c.reason = Verdict.UNVERIFIABLE, NO_STORE
    else:
        verify(claims, Runner(_engine(store), as_of))
    return Report(text, claims, consistency(claims, text, date), date)


def _engine(store: Any) -> Any:
    if hasattr(store, "query"):
        return store  # already an Engine, or anything that answers its query contract
    from tradestats.engine import Engine

    if isinstance(store, str | os.PathLike) and not os.path.isdir(store):
        from tradestats.errors import UsageError

        raise UsageError(f"no store at {store}")
    return Engine(store)
