"""Small file-system helpers every writer shares: what a folder holds, said briefly.

Example:
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.csv").write_text("x"); (folder / "sub").mkdir()
    >>> entries_text(folder)
    (2, 'a.csv, sub/')
"""

from __future__ import annotations

from pathlib import Path


def entries_text(folder: Path, most: int = 5) -> tuple[int, str]:
    """How many entries ``folder`` holds, and the first ``most`` of them by name."""
    entries = sorted(p.name + ("/" if p.is_dir() else "") for p in folder.iterdir())
    shown = ", ".join(entries[:most])
    if len(entries) > most:
        shown += f" and {len(entries) - most} more"
    return len(entries), shown
