"""Revision reports: any figure or table in every vintage of the store, with its revisions.

Example:
    >>> from tradestats.revisions import revision_report          # doctest: +SKIP
    >>> revision_report(engine, period="2025-01", flow="export")  # doctest: +SKIP
"""

from tradestats.revisions.report import Release, RevisionReport, RevisionRow, revision_report

__all__ = ["Release", "RevisionReport", "RevisionRow", "revision_report"]
