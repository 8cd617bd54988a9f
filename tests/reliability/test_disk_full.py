"""Disk full (ENOSPC) and read-only stores (EROFS, no write access), injected at every write of
an ingest: the ingest fails, readers see exactly the state before it, the next ingest commits and
removes what the failed one left.

Root ignores chmod, so the faults are injected by patching: pyarrow's Parquet writer, os.replace
(placing data, quarantine and report files, keeping a failed attempt), the manifest's atomic
write (half a temporary file, then ENOSPC), os.access, Path.mkdir and os.open.

Whether the failure comes with a clear message (StoreError, no traceback through the CLI) is
tested apart: an OSError must never escape ``ingest_files`` (it once did, as a traceback).
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

import tradestats.store.manifest as manifest_module
from tradestats.errors import StoreError, TradestatsError
from tradestats.ingest import direct, ingest_files
from tradestats.store import Store

from helpers import row, store_listing, write_csv


def visible(store: Store) -> tuple[list[str], dict[str, bytes]]:
    """What a reader sees: the batches and the bytes of the live files."""
    return [b.id for b in store.batches()], {str(f): f.read_bytes() for f in store.data_files()}


def _fail(code: int) -> Callable[..., Any]:
    def raise_(*args: object, **kw: object) -> Any:
        raise OSError(code, os.strerror(code))

    return raise_


def _replace_into(part: str) -> Callable[..., Any]:
    real = os.replace

    def replace(src: Any, dst: Any, *args: Any, **kw: Any) -> None:
        if part in str(dst):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(src, dst, *args, **kw)

    return replace


def _half_manifest(path: Path, text: str) -> None:
    path.with_name(f".{path.name}.tmp-{os.getpid()}").write_text(text[:20])
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _direct_route_blocked() -> Callable[..., Any]:
    """DuckDB's own write fails (an IOException, as on a full disk): a non-empty output folder."""
    real = direct.stage_direct

    def stage(ws: Any, *args: Any) -> Any:
        (ws.folder / "out").mkdir(parents=True)
        (ws.folder / "out" / "period=2025-01").write_text("in the way")
        return real(ws, *args)

    return stage


def _mkdir_read_only() -> Callable[..., Any]:
    real = Path.mkdir

    def mkdir(self: Path, *args: Any, **kw: Any) -> None:
        if "staging" in str(self):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        real(self, *args, **kw)

    return mkdir


def _open_read_only() -> Callable[..., Any]:
    real = os.open

    def open_(path: Any, flags: int, *args: Any, **kw: Any) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real(path, flags, *args, **kw)

    return open_


# site -> (object, attribute, replacement factory, does the input hold an invalid row?)
# Clean input takes the direct route (DuckDB writes the staged files); an invalid row sends it
# through pyarrow's writer.
SITES: dict[str, tuple[Any, str, Callable[[], Any], bool]] = {
    "enospc-parquet-write": (pq.ParquetWriter, "write_table", lambda: _fail(errno.ENOSPC), True),
    "eio-duckdb-write": (direct, "stage_direct", _direct_route_blocked, False),
    "enospc-place-data": (os, "replace", lambda: _replace_into("/data/"), False),
    "enospc-place-quarantine": (os, "replace", lambda: _replace_into("/quarantine/"), True),
    "enospc-place-report": (os, "replace", lambda: _replace_into("/reports/"), False),
    "enospc-manifest": (manifest_module, "write_atomic", lambda: _half_manifest, False),
    "enospc-keep-attempt": (os, "replace", lambda: _replace_into("/attempts/"), True),
    "readonly-access": (os, "access", lambda: lambda *a, **k: False, False),
    "readonly-mkdir": (Path, "mkdir", _mkdir_read_only, False),
    "readonly-open": (os, "open", _open_read_only, False),
}
CLEAR = {"readonly-access", "readonly-mkdir"}  # the sites that already give a StoreError


def _ingest_under_fault(tmp_path: Path, site: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Seed a store, ingest under the fault; return (store, state before, the exception)."""
    store = Store(tmp_path / "s")
    ingest_files(store, [write_csv(tmp_path / "seed.csv", [row(period="2024-06")])])
    before = visible(store), store_listing(store.root)
    target, attr, factory, with_reject = SITES[site]
    rows = [row(), row(period="2025-02"), *([row(partner="XXX")] if with_reject else [])]
    src = write_csv(tmp_path / "in.csv", rows)
    monkeypatch.setattr(target, attr, factory())
    try:
        ingest_files(store, [src], allow_rejects=site != "enospc-keep-attempt")
    except Exception as err:
        raised: Exception | None = err
    else:
        raised = None
    finally:
        monkeypatch.undo()
    return store, before, raised


@pytest.mark.parametrize("site", sorted(SITES))
def test_fault_leaves_the_visible_state_and_the_next_ingest_works(
    tmp_path: Path, site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, (seen, files), raised = _ingest_under_fault(tmp_path, site, monkeypatch)
    assert raised is not None, "the ingest must fail"
    assert isinstance(raised, OSError | TradestatsError), repr(raised)
    assert visible(store) == seen  # readers see the state before the failed ingest
    report = ingest_files(store, [write_csv(tmp_path / "next.csv", [row(period="2023-01")])])
    assert report.batch == "b000002"  # the failed ingest took no batch number
    after = store_listing(store.root)
    # What the failed ingest left (placed files, a half manifest) is gone; earlier files are kept.
    assert {k: v for k, v in after.items() if "b000002" not in k} == files
    assert all("period=2023-01" in k or "b000002." in k for k in after if "b000002" in k)
    assert not list((store.root / "staging").iterdir())
    assert not list((store.root / "manifest").glob(".*"))


@pytest.mark.parametrize(
    "site",
    [
        pytest.param(
            s,
        )
        for s in sorted(SITES)
    ],
)
def test_fault_gives_a_clear_store_error(
    tmp_path: Path, site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, _, raised = _ingest_under_fault(tmp_path, site, monkeypatch)
    assert isinstance(raised, StoreError), repr(raised)
    assert str(tmp_path / "s") in str(raised) or "store" in str(raised)


# The CLI in a subprocess, with the fault installed before main() runs.
PRELUDE = """
import errno, os, sys
SITE = sys.argv.pop(1)
def fail(*a, **k):
    raise OSError(errno.ENOSPC if SITE == 'enospc' else errno.EROFS, 'injected')
if SITE == 'enospc':
    import pyarrow.parquet as pq
    pq.ParquetWriter.write_table = fail
elif SITE == 'readonly':
    real_access = os.access
    os.access = lambda p, m, *a, **k: False if m & os.W_OK else real_access(p, m, *a, **k)
from tradestats.cli import main
main()
"""


def _cli(tmp_path: Path, site: str) -> subprocess.CompletedProcess[str]:
    # a thousands separator is valid but sends the row through pyarrow's writer (checked route)
    src = write_csv(tmp_path / "in.csv", [row(value_cny="1,000.00")])
    cmd = [sys.executable, "-c", PRELUDE, site, "ingest", str(src), "--store", str(tmp_path / "s")]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def test_cli_read_only_store_says_so_without_traceback(tmp_path: Path) -> None:
    done = _cli(tmp_path, "readonly")
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "is not writable" in done.stderr
    assert visible(Store(tmp_path / "s")) == ([], {})


def test_cli_disk_full_says_so_without_traceback(tmp_path: Path) -> None:
    done = _cli(tmp_path, "enospc")
    assert visible(Store(tmp_path / "s")) == ([], {})
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "No space left" in done.stderr or "injected" in done.stderr


@pytest.mark.parametrize("nth", range(1, 8))
def test_enospc_at_each_rename_of_a_commit(
    tmp_path: Path, nth: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ENOSPC at the n-th os.replace of an ingest of 3 periods with one rejected row (3 data
    files, quarantine, report, manifest): all or nothing is visible, never part of the batch."""
    store = Store(tmp_path / "s")
    ingest_files(store, [write_csv(tmp_path / "seed.csv", [row(period="2024-06")])])
    before = visible(store)
    periods = ["2025-01", "2025-02", "2025-03"]
    src = write_csv(tmp_path / "in.csv", [*(row(period=p) for p in periods), row(partner="XXX")])
    real, calls = os.replace, []

    def replace(a: Any, b: Any, *args: Any, **kw: Any) -> None:
        calls.append(str(b))
        if len(calls) == nth:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(a, b, *args, **kw)

    monkeypatch.setattr(os, "replace", replace)
    try:
        report = ingest_files(store, [src], allow_rejects=True)
    except StoreError as err:
        report = None
        assert "nothing was committed: No space left on device" in str(err)
    monkeypatch.undo()
    if report is None:
        assert visible(store) == before
    else:  # fewer renames than nth: the batch committed whole
        assert len(calls) < nth and report.rows_accepted == 3
        assert store.periods() == ["2024-06", *periods]
    nxt = ingest_files(store, [write_csv(tmp_path / "n.csv", [row(period="2023-01")])])
    assert nxt.committed
    assert not list((store.root / "manifest").glob(".*"))
    on_disk = {str(p) for p in (store.root / "data").rglob("*.parquet")}
    assert on_disk == {str(f) for f in store.data_files()}  # no orphan is left
