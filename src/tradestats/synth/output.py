"""Publishing a run's files into ``--out`` so that a run killed part-way leaves no mix.

The files are written into a fresh hidden folder beside ``--out`` (``.NAME.synth-XXXX``). When
every file is written, ``--out`` is renamed away and the new folder renamed into its place, so
a reader sees the earlier files, then (between the two renames) no folder, then every new file.
A killed run leaves only the hidden folder, which the next run removes.

When ``--out`` holds anything but generated files (``records-*``), or is the working directory
or a symbolic link, it is not replaced whole: the new files are written into a hidden folder
inside it and moved in one by one at the end (the window for a mix is then the renames only).

Example:
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "out"
    >>> with staged_output(out) as stage:
    ...     _ = (stage / "records-2024-01-000.csv").write_text("x")
    >>> sorted(p.name for p in out.iterdir())
    ['records-2024-01-000.csv']
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

GENERATED = re.compile(r"records-.+\.(parquet|csv)")
MARK = ".synth-"


def _fresh(parent: Path, prefix: str) -> Path:
    folder = parent / f"{prefix}{MARK}{uuid.uuid4().hex[:12]}"
    folder.mkdir()  # the umask's mode, unlike tempfile.mkdtemp's 0700
    return folder


def _replaceable(out: Path) -> bool:
    """True when ``out`` may be swapped whole: absent, or a plain folder of generated files."""
    if not out.exists():
        return True
    if out.is_symlink() or not out.is_dir() or out.resolve() == Path.cwd().resolve():
        return False
    return all(GENERATED.fullmatch(p.name) for p in out.iterdir())


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def staged_output(out: Path) -> Iterator[Path]:
    """A folder to write the run's files into; on success its files become ``out``'s."""
    out = Path(os.path.abspath(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    for left in out.parent.glob(f".{out.name}{MARK}*"):  # what a killed run left
        shutil.rmtree(left, ignore_errors=True)
    whole = _replaceable(out)
    if not whole:
        for left in out.glob(f"{MARK}*"):
            shutil.rmtree(left, ignore_errors=True)
    stage = _fresh(out.parent, f".{out.name}") if whole else _fresh(out, "")
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    if whole:
        if out.exists():
            trash = _fresh(out.parent, f".{out.name}")
            os.rename(out, trash)  # onto an empty folder: allowed, and atomic
            os.rename(stage, out)
            shutil.rmtree(trash, ignore_errors=True)
        else:
            os.rename(stage, out)
        _fsync_dir(out.parent)
        return
    for old in out.glob("records-*.*"):
        old.unlink()
    for new in sorted(stage.iterdir()):
        os.replace(new, out / new.name)
    stage.rmdir()
