"""Render a checker report: JSON, a rich table for the terminal, or an HTML page.

Example:
    >>> from tradestats.checker import check
    >>> data = json.loads(to_json(check("Exports rose 5 percent in 2025.")))
    >>> sorted(data), data["claims"][0]["measure"]
    (['article_date', 'claims', 'consistency'], 'yoy_pct')
"""

from __future__ import annotations

import html
import json
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from tradestats.checker.model import Claim, Report, Verdict

COLOURS = {Verdict.SUPPORTED: "green", Verdict.CONTRADICTED: "red", Verdict.UNVERIFIABLE: "yellow"}


def to_json(report: Report) -> str:
    """``{"article_date", "claims": [...], "consistency": [...]}`` as indented JSON text."""
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2, default=str) + "\n"


def _subject(c: Claim) -> str:
    d = c.subject.as_dict()
    return " ".join(f"{k}={v}" for k, v in d.items() if v)


def to_rich(report: Report) -> Group:
    """Claims and consistency findings as two rich tables."""
    claims = Table(title="Claims", show_lines=False, expand=False)
    for name in ("#", "claim", "measure", "subject", "period", "verdict", "reason"):
        claims.add_column(name, overflow="fold")
    for i, c in enumerate(report.claims):
        colour = COLOURS[c.verdict]
        claims.add_row(str(i), c.text, c.measure.value, _subject(c), c.period or "",
                       Text(c.verdict.value, style=colour), c.reason)  # fmt: skip
    findings = Table(title="Consistency (no data needed)")
    for name in ("check", "status", "claims", "message"):
        findings.add_column(name, overflow="fold")
    for f in report.consistency:
        status = Text("ok" if f.ok else "inconsistent", style="green" if f.ok else "red")
        findings.add_row(f.check, status, ",".join(map(str, f.claims)), f.message)
    counts = ", ".join(f"{report.count(v)} {v.value}" for v in Verdict)
    return Group(claims, findings, Text(f"{len(report.claims)} claims: {counts}"))


_CSS = """
body{font:16px/1.6 Georgia,serif;max-width:52em;margin:2em auto;padding:0 1em;color:#222}
.article{white-space:pre-wrap}
mark{padding:0 .1em;border-radius:3px;cursor:help;position:relative}
mark.supported{background:#c8f0c8}mark.contradicted{background:#f7c1c1}
mark.unverifiable{background:#f6eab0}
mark .tip{display:none;position:absolute;left:0;top:1.6em;z-index:9;width:26em;padding:.5em;
font:13px/1.4 sans-serif;background:#fff;border:1px solid #999;white-space:normal;
max-width:60vw}
mark:hover .tip,mark:focus .tip{display:block}
table{border-collapse:collapse;font:13px sans-serif;margin-top:2em}
td,th{border:1px solid #ccc;padding:.25em .5em;vertical-align:top;text-align:left}
.ok{color:#060}.bad{color:#a00}
"""


def to_html(report: Report, title: str = "Claim check") -> str:
    """A self-contained page: the article with each claim highlighted by verdict (details on
    hover or keyboard focus), then the claim table and the consistency findings.
    Everything from the text is escaped; no script, no external asset."""
    body = _article(report)
    rows = "".join(_claim_row(i, c) for i, c in enumerate(report.claims))
    checks = "".join(
        f'<tr><td>{_e(f.check)}</td><td class="{"ok" if f.ok else "bad"}">'
        f"{'ok' if f.ok else 'inconsistent'}</td><td>{_e(', '.join(map(str, f.claims)))}</td>"
        f"<td>{_e(f.message)}</td></tr>"
        for f in report.consistency
    )
    counts = ", ".join(f"{report.count(v)} {v.value}" for v in Verdict)
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{_e(title)}</h1><p>{len(report.claims)} claims: {_e(counts)}</p>"
        f'<div class="article">{body}</div>'
        "<h2>Claims</h2><table><tr><th>#</th><th>claim</th><th>measure</th><th>period</th>"
        f"<th>verdict</th><th>reason</th></tr>{rows}</table>"
        "<h2>Consistency</h2><table><tr><th>check</th><th>status</th><th>claims</th>"
        f"<th>message</th></tr>{checks}</table></body></html>\n"
    )


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _article(report: Report) -> str:
    parts: list[str] = []
    pos = 0
    text = report.text
    for i, c in enumerate(report.claims):
        if c.start < pos:
            continue
        parts.append(_e(text[pos : c.start]))
        tip = f"#{i} {c.verdict.value}: {c.measure.value} {_subject(c)} {c.period or ''}."
        tip += f" {c.reason}"
        parts.append(
            f'<mark id="c{i}" class="{c.verdict.value}" tabindex="0">'
            f'{_e(c.text)}<span class="tip">{_e(tip)}</span></mark>'
        )
        pos = c.end
    parts.append(_e(text[pos:]))
    return "".join(parts)


def _claim_row(i: int, c: Claim) -> str:
    verdict = _e(c.verdict.value)
    cells = (
        f'<a href="#c{i}">{i}</a>',
        _e(c.text),
        _e(c.measure.value),
        _e(c.period or ""),
        f'<span class="{verdict}">{verdict}</span>',
        _e(c.reason),
    )
    return "<tr>" + "".join(f"<td>{x}</td>" for x in cells) + "</tr>"
