"""Publishing a run's files into ``--out`` so that a run killed part-way leaves no mix.

The files are written into a fresh hidden folder beside ``--out`` (``.NAME.synth-XXXX``). When
every file is written, ``--out`` is renamed away and the new folder renamed into its place, so
a reader sees the earlier files, then (between the two renames) no folder, then every new file.
A killed run leaves only the hidden folder, which the next run removes.

A marker, ``.tradestats-synth.json``, names the files the run wrote. A later run replaces only
those: an existing ``--out`` with other content and no marker is refused, never emptied.

When ``--out`` holds anything but the files its marker names, or is the working directory
or a symbolic link, it is not replaced whole: the new files are written into a hidden folder
inside it and moved in one by one at the end (the window for a mix is then the renames only).

Example:
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "out"
    >>> with staged_output(out) as stage:
    ...     _ = (stage / "records-2024-01-000.csv").write_text("x")
    >>> sorted(p.name for p in out.iterdir())
    ['.tradestats-synth.json', 'records-2024-01-000.csv']
"""

from __future__ import annotations

import json
import os
import re
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tradestats.errors import UsageError
from tradestats.store.files import entries_text

GENERATED = re.compile(r"records-\d{4}-\d{2}-\d{3}\.(parquet|csv)")
MARK = ".synth-"
MARKER = ".tradestats-synth.json"  # names the files a run wrote: only those are ever replaced
KIND = "tradestats-synth-output"


def read_marker(out: Path) -> list[str] | None:
    """The files the last run wrote into ``out`` (from its marker); None without a marker.

    A folder written before markers existed, holding nothing but generated names, counts as
    marked with those names.
    """
    path = out / MARKER
    if path.is_file():
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            doc = None
        if isinstance(doc, dict) and doc.get("kind") == KIND:
            return [str(n) for n in doc.get("files", []) if GENERATED.fullmatch(str(n))]
    if out.is_dir():
        names = [p.name for p in out.iterdir()]
        if names and all(GENERATED.fullmatch(n) for n in names):
            return names
    return None


def write_marker(stage: Path) -> None:
    """Name the generated files of ``stage`` in its marker (no time in it: same seed, same
    bytes)."""
    names = sorted(p.name for p in stage.iterdir() if GENERATED.fullmatch(p.name))
    doc = {"kind": KIND, "format": 1, "files": names}
    (stage / MARKER).write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")


def check_out(out: Path) -> None:
    """Refuse an ``--out`` that exists with content tradestats synth did not write."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file, not a folder")
    if not out.is_dir() or read_marker(out) is not None:
        return
    count, shown = entries_text(out)
    if count:
        raise UsageError(
            f"--out {out} holds {count} entries tradestats synth did not write ({shown}) "
            f"and no {MARKER}; nothing was written",
            hint="give a new or empty folder for the generated files",
        )


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
    ours = set(read_marker(out) or [])
    return all(p.name in ours or p.name == MARKER for p in out.iterdir())


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
    check_out(out)
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
    write_marker(stage)
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
    for old in read_marker(out) or []:
        (out / old).unlink(missing_ok=True)
    for new in sorted(stage.iterdir()):
        os.replace(new, out / new.name)
    stage.rmdir()
