"""Publishing a run's files into ``--out`` so that a run killed part-way leaves no mix.

One run at a time: a run holds the lock ``.NAME.synth.lock`` beside ``--out`` from its start to
its end, and a second run on the same ``--out`` is refused at once (``StoreBusy``), before it
touches anything.

The files are written into a fresh hidden folder beside ``--out`` (``.NAME.synth-XXXX``). When
every file is written, the files of ``--out`` that are not the earlier run's (the user's own)
are linked into the new folder too, the marker is written last, and ``--out`` is renamed away
and the new folder renamed into its place. A reader sees the earlier files, then (between the
two renames) no folder, then every new file with the user's files. A run killed before the
marker leaves a hidden folder that the next run removes; one killed between the two renames
leaves a complete folder (it has its marker) that the next run puts in place first. Nothing
in a left-over folder is deleted unless it is a generated file or has another link.

A marker, ``.tradestats-synth.json``, names the files the run wrote. A later run replaces only
those: an existing ``--out`` with other content and no marker is refused, never emptied.

When ``--out`` is the working directory or a symbolic link, holds a sub-folder or anything but
plain files, or its parent is not writable, it is not replaced whole: the new files are
written into a hidden folder inside it and moved in one by one at the end (the window for a
mix is then the renames only).

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
from contextlib import ExitStack, contextmanager
from pathlib import Path

from tradestats.errors import UsageError
from tradestats.store.files import entries_text, exclusive
from tradestats.store.manifest import fsync_dir

GENERATED = re.compile(r"records-\d{4}-\d{2}-\d{3}\.(parquet|csv)")
MARK = ".synth-"
MARKER = ".tradestats-synth.json"  # names the files a run wrote: only those are ever replaced
KIND = "tradestats-synth-output"
LOCK = ".tradestats-synth.lock"  # inside --out, only when its parent is not writable


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
        names = [n for n in names if n != LOCK]
        if names and all(GENERATED.fullmatch(n) for n in names):
            return names
    return None


def write_marker(stage: Path) -> None:
    """Name the generated files of ``stage`` in its marker (no time in it: same seed, same
    bytes)."""
    names = sorted(p.name for p in stage.iterdir() if GENERATED.fullmatch(p.name))
    doc = {"kind": KIND, "format": 1, "files": names}
    temp = stage / f"{MARKER}.tmp"
    with temp.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps(doc, indent=1) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(temp, stage / MARKER)  # a stage with its marker is complete


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
    """True when ``out`` may be swapped whole: absent, or a plain folder whose entries are
    generated files or plain files of the user's (which are linked into the new folder)."""
    if not out.exists():
        return True
    if out.is_symlink() or not out.is_dir() or out.resolve() == Path.cwd().resolve():
        return False
    if not os.access(out.parent, os.W_OK):
        return False
    ours = set(read_marker(out) or [])
    for p in out.iterdir():
        if p.name in ours or p.name == MARKER:
            continue
        if GENERATED.fullmatch(p.name) or p.is_symlink() or not p.is_file():
            return False  # a name a new file may take, a folder, a link: not swapped whole
    return True


def _users(out: Path) -> list[Path]:
    """The entries of ``out`` that the last run did not write."""
    ours = set(read_marker(out) or [])
    return [p for p in out.iterdir() if p.name not in ours and p.name not in (MARKER, LOCK)]


def _tidy(left: Path, out: Path) -> bool:
    """Empty a folder a run left beside ``out`` without losing anything: generated files, the
    marker and files with another link are deleted, anything else is moved into ``out`` when
    its name is free there. True when ``left`` is now gone."""
    for p in list(left.iterdir()):
        if p.name in (MARKER, f"{MARKER}.tmp") or GENERATED.fullmatch(p.name):
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p, ignore_errors=True)
            else:
                p.unlink(missing_ok=True)
        elif p.is_file() and not p.is_symlink() and p.stat().st_nlink > 1:
            p.unlink()  # the user's file, still linked elsewhere (in ``out``)
        elif out.is_dir() and not (out / p.name).exists() and not (out / p.name).is_symlink():
            os.rename(p, out / p.name)
    try:
        left.rmdir()
    except OSError:
        return False
    return True


def _finish_killed(out: Path) -> None:
    """Put in place a complete folder a killed run left (it has its marker), then tidy every
    other left-over folder beside ``out``."""
    left = sorted(out.parent.glob(f".{out.name}{MARK}*"))
    complete = [p for p in left if p.is_dir() and (p / MARKER).is_file()]
    if not out.exists() and complete:
        os.rename(complete[-1], out)
        fsync_dir(out.parent)
    for folder in left:
        if folder.is_dir() and not folder.is_symlink() and folder.exists():
            _tidy(folder, out)


@contextmanager
def _locked(out: Path) -> Iterator[None]:
    """Hold ``--out``'s lock (beside it; inside it when its parent is not writable)."""
    what = f"--out {out}"
    with ExitStack() as stack:
        try:
            stack.enter_context(exclusive(out.parent / f".{out.name}.synth.lock", what))
        except PermissionError:
            if not out.is_dir():
                raise
            stack.enter_context(exclusive(out / LOCK, what, keep=True))
        yield


@contextmanager
def staged_output(out: Path) -> Iterator[Path]:
    """A folder to write the run's files into; on success its files become ``out``'s."""
    out = Path(os.path.abspath(out))
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file, not a folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    with _locked(out):
        _finish_killed(out)
        check_out(out)
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
        for new in stage.iterdir():
            _fsync_file(new)
        if whole:
            _swap(out, stage)
        else:
            _move_in(out, stage)


def _swap(out: Path, stage: Path) -> None:
    """Put ``stage`` in the place of ``out``, the user's files of ``out`` linked into it."""
    if out.exists():
        for p in _users(out):
            os.link(p, stage / p.name)
    write_marker(stage)
    fsync_dir(stage)
    if out.exists():
        trash = _fresh(out.parent, f".{out.name}")
        os.rename(out, trash)  # onto an empty folder: allowed, and atomic
        os.rename(stage, out)
        fsync_dir(out.parent)
        _tidy(trash, out)  # files the user put in meanwhile are moved in, not lost
    else:
        os.rename(stage, out)
    fsync_dir(out.parent)


def _move_in(out: Path, stage: Path) -> None:
    """Move the new files into ``out`` one by one (an ``out`` that cannot be swapped)."""
    write_marker(stage)
    for old in read_marker(out) or []:
        (out / old).unlink(missing_ok=True)
    for new in sorted(stage.iterdir(), key=lambda p: p.name == MARKER):  # the marker last
        os.replace(new, out / new.name)
    stage.rmdir()
    fsync_dir(out)


def _fsync_file(path: Path) -> None:
    with path.open("rb") as fh:
        os.fsync(fh.fileno())
