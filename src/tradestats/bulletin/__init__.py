"""Bulletins: press-release style publications (English, Chinese) from a release spec.

Example:
    >>> from tradestats.bulletin import render_bulletin
    >>> b = render_bulletin("demo-store", "2025", lang="en", fmt="html")   # doctest: +SKIP
    >>> b.write("bulletin-2025.html", trace="bulletin-2025.trace.json")    # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["Bulletin", "Spec", "SpecError", "default_spec_text", "load_spec", "render_bulletin"]

if TYPE_CHECKING:
    from tradestats.bulletin.render import Bulletin, render_bulletin
    from tradestats.bulletin.spec import Spec, SpecError, default_spec_text, load_spec


def __getattr__(name: str) -> Any:
    # Lazy: the presentation modules (rounding, labels, present) are used by the CLI and the
    # Python API without loading the renderer and its chart libraries.
    if name in ("Bulletin", "render_bulletin"):
        from tradestats.bulletin import render

        return getattr(render, name)
    if name in __all__:
        from tradestats.bulletin import spec

        return getattr(spec, name)
    raise AttributeError(name)
