"""Bulletins: press-release style publications (English, Chinese) from a release spec.

Example:
    >>> from tradestats.bulletin import render_bulletin
    >>> b = render_bulletin("demo-store", "2025", lang="en", fmt="html")   # doctest: +SKIP
    >>> b.write("bulletin-2025.html", trace="bulletin-2025.trace.json")    # doctest: +SKIP
"""

from __future__ import annotations

from tradestats.bulletin.render import Bulletin, render_bulletin
from tradestats.bulletin.spec import Spec, SpecError, default_spec_text, load_spec

__all__ = ["Bulletin", "Spec", "SpecError", "default_spec_text", "load_spec", "render_bulletin"]
