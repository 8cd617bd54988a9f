"""Small file-system helpers every writer shares: what a folder holds, said briefly; a lock
file that one writer at a time holds.

Example:
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.csv").write_text("x"); (folder / "sub").mkdir()
    >>> entries_text(folder)
    (2, 'a.csv, sub/')
    >>> with exclusive(folder / ".lock", "the folder"):
    ...     (folder / ".lock").exists()
    True
    >>> (folder / ".lock").exists()
    False
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from tradestats.errors import StoreBusy


def entries_text(folder: Path, most: int = 5) -> tuple[int, str]:
    """How many entries ``folder`` holds, and the first ``most`` of them by name."""
    entries = sorted(p.name + ("/" if p.is_dir() else "") for p in folder.iterdir())
    shown = ", ".join(entries[:most])
    if len(entries) > most:
        shown += f" and {len(entries) - most} more"
    return len(entries), shown


@contextmanager
def exclusive(path: Path, what: str, keep: bool = False) -> Iterator[None]:
    """Hold the lock file ``path`` (created if needed) for the length of the block; StoreBusy
    at once when another process holds it. ``keep``: leave the file when done (a store's
    ``.lock``); otherwise it is removed, and a lock taken on a file removed meanwhile is taken
    again on the new one (so two writers never hold two different files).
    """
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as err:
            os.close(fd)
            raise StoreBusy(f"{what} is being written by another process; try again later") from err
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)  # removed by the holder that just finished: lock the new file
    try:
        yield
    finally:
        if not keep:
            with suppress(OSError):
                os.unlink(path)
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
