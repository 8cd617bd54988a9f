"""The store knows itself: manifests that do not form one unbroken sequence, and data files
that are not the ones committed, are found on open and said exactly; nothing reads them.

Regressions: a copy ``manifest/b000003 (copy).json`` doubled a batch; a middle manifest
deleted silently changed the answer; a deleted last manifest let the next batch reuse its id;
a data file swapped for another gave another answer silently; a deleted or truncated one made
every query a traceback.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from tradestats.errors import StoreDamaged
from tradestats.ingest import ingest_files
from tradestats.store import Store
from tradestats.store.repair import advice, repair, verify

from helpers import row, write_csv

JAN, FEB, FEB_MORE = Decimal("300.00"), Decimal("50.00"), Decimal("7.00")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """b000001 2025-01 (300), b000002 2025-02 (50), b000003 appends 7 to 2025-02."""
    tmp = tmp_path_factory.mktemp("template")
    store = tmp / "s"
    rows = [row(value_cny="100.00"), row(value_cny="200.00", partner="KOR")]
    ingest_files(store, [write_csv(tmp / "a.csv", rows)])
    ingest_files(store, [write_csv(tmp / "b.csv", [row(period="2025-02", value_cny="50")])])
    more = [row(period="2025-02", value_cny="7", partner="VNM")]
    ingest_files(store, [write_csv(tmp / "c.csv", more)], mode="append")
    return store


@pytest.fixture
def store(template: Path, tmp_path: Path) -> Store:
    shutil.copytree(template, tmp_path / "s")
    return Store(tmp_path / "s")


def total(store: Store, period: str | None = None) -> Decimal:
    files = [str(f) for f in store.data_files(periods=[period] if period else None)]
    (got,) = duckdb.sql(
        f"SELECT sum(value_cny) FROM read_parquet({files}, hive_partitioning = false)"
    ).fetchall()[0]
    return Decimal(got)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def manifest(store: Store, seq: int) -> Path:
    return store.root / "manifest" / f"b{seq:06d}.json"


def test_the_template_is_whole(store: Store) -> None:
    assert total(store) == JAN + FEB + FEB_MORE
    verdict = verify(store, full=True)
    assert verdict.ok and verdict.batches == 3 and verdict.files == 3 and verdict.read == 3
    for rec in store.batches():
        for f in rec.files:
            size = (store.root / f.path).stat().st_size
            assert f.sha256 and len(f.sha256) == 64 and f.bytes == size
    assert [r.previous is None for r in store.batches()] == [True, False, False]


def test_a_copied_manifest_is_not_a_second_batch(store: Store) -> None:
    shutil.copy(manifest(store, 3), store.root / "manifest" / "b000003 (copy).json")
    assert [b.id for b in Store(store.root).batches()] == ["b000001", "b000002", "b000003"]
    assert total(Store(store.root)) == JAN + FEB + FEB_MORE  # not doubled
    verdict = verify(Store(store.root))
    assert [(p.where, p.kind) for p in verdict.problems] == [
        ("manifest/b000003 (copy).json", "stray")
    ]
    done = repair(Store(store.root))
    moved = "moved manifest/b000003 (copy).json to lost+found/"
    assert done.ok and any(moved in d for d in done.done)
    aside = list((store.root / "lost+found").rglob("b000003 (copy).json"))
    assert len(aside) == 1 and aside[0].read_bytes() == manifest(store, 3).read_bytes()


def test_a_copy_under_a_batch_name_is_found(store: Store) -> None:
    shutil.copy(manifest(store, 2), manifest(store, 4))
    with pytest.raises(StoreDamaged, match=r"manifest/b000004\.json: holds batch b000002"):
        Store(store.root).data_files()
    done = repair(Store(store.root))
    assert done.ok, done.problems
    assert total(Store(store.root)) == JAN + FEB + FEB_MORE


def test_a_deleted_middle_manifest_refuses_reads_and_writes(store: Store, tmp_path: Path) -> None:
    manifest(store, 2).unlink()
    before = tree(store.root)
    fresh = Store(store.root)
    with pytest.raises(StoreDamaged, match=r"manifest/b000002\.json: is missing \(later batches"):
        fresh.periods()
    with pytest.raises(StoreDamaged, match="b000002"):
        ingest_files(fresh, [write_csv(tmp_path / "d.csv", [row(period="2025-03")])])
    assert tree(store.root) == before  # the orphaned files of b000002 are not touched
    (problem,) = verify(fresh).problems
    assert (problem.where, problem.kind, problem.batch) == ("manifest/b000002.json", "missing", 2)
    assert "--repair --forget b000002" in advice(problem)


def test_a_deleted_last_manifest_never_lets_its_id_be_reused(store: Store, tmp_path: Path) -> None:
    manifest(store, 3).unlink()
    fresh = Store(store.root)
    with pytest.raises(StoreDamaged, match=r"b000003\.json: is missing \(sequence\.json says"):
        fresh.batches()
    verdict = repair(fresh, forget=["b000003"])
    assert verdict.ok, verdict.problems
    assert [b.mode for b in fresh.batches()] == ["new", "new", "forgotten"]
    assert total(fresh) == JAN + FEB  # the forgotten batch's rows are out of the answer ...
    kept = list((store.root / "lost+found").rglob("b000003-*.parquet"))
    assert len(kept) == 1  # ... and its file is kept, not deleted
    report = ingest_files(fresh, [write_csv(tmp_path / "d.csv", [row(period="2025-03")])])
    assert report.batch == "b000004"
    assert verify(Store(store.root), full=True).ok


def test_a_truncated_manifest_is_named(store: Store) -> None:
    text = manifest(store, 2).read_bytes()
    manifest(store, 2).write_bytes(text[: len(text) // 2])
    with pytest.raises(StoreDamaged, match=r"b000002\.json: is not valid JSON .*truncated"):
        Store(store.root).data_files()


def test_reordered_manifests_are_put_back(store: Store) -> None:
    two, three = manifest(store, 2).read_bytes(), manifest(store, 3).read_bytes()
    manifest(store, 2).write_bytes(three)
    manifest(store, 3).write_bytes(two)
    with pytest.raises(StoreDamaged, match=r"b000002\.json: holds batch b000003"):
        Store(store.root).batches()
    verdict = repair(Store(store.root))
    assert verdict.ok, verdict.problems
    assert manifest(store, 2).read_bytes() == two and manifest(store, 3).read_bytes() == three
    assert total(Store(store.root)) == JAN + FEB + FEB_MORE


def test_an_edited_manifest_breaks_the_chain(store: Store) -> None:
    doc = json.loads(manifest(store, 2).read_text(encoding="utf-8"))
    doc["files"][0]["value_cny"] = "5000.00"
    manifest(store, 2).write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(StoreDamaged, match=r"b000002\.json: is not the manifest b000003 was"):
        Store(store.root).batches()


def test_a_swapped_data_file_is_refused_not_read(store: Store) -> None:
    jan = store.data_files(periods=["2025-01"])[0]
    feb = store.data_files(periods=["2025-02"])[0]
    shutil.copy(feb, jan)  # another valid Parquet file, under the committed name
    fresh = Store(store.root)
    assert total(fresh, "2025-02") == FEB + FEB_MORE  # the untouched period is still answered
    with pytest.raises(StoreDamaged, match=r"b000001-own\.parquet: is (not the file that was|\d)"):
        fresh.data_files(periods=["2025-01"])


def test_a_swap_of_equal_size_with_its_time_put_back_is_found(store: Store) -> None:
    path = store.data_files(periods=["2025-01"])[0]
    data = bytearray(path.read_bytes())
    st = path.stat()
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    import os

    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # touch cannot reset the change time
    with pytest.raises(StoreDamaged, match="is not the file that was committed"):
        store.data_files(periods=["2025-01"])


def test_a_deleted_data_file_is_a_clear_error(store: Store) -> None:
    path = store.data_files(periods=["2025-02"])[0]
    path.unlink()
    with pytest.raises(StoreDamaged) as err:
        Store(store.root).data_files()
    assert "b000002-own.parquet: is missing (batch b000002, period 2025-02)" in str(err.value)
    assert Store(store.root).periods() == ["2025-01", "2025-02"]  # the manifest still reads
    assert total(Store(store.root), "2025-01") == JAN


def test_a_truncated_data_file_is_a_clear_error(store: Store) -> None:
    path = store.data_files(periods=["2025-01"])[0]
    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.truncate(size // 2)
    with pytest.raises(StoreDamaged, match=rf"is {size // 2:,} bytes; {size:,} were committed"):
        Store(store.root).data_files()


def test_older_manifests_without_checksums_stay_readable(store: Store) -> None:
    for seq in (1, 2, 3):
        doc = json.loads(manifest(store, seq).read_text(encoding="utf-8"))
        doc.pop("previous", None)
        for f in doc["files"]:
            f.pop("sha256"), f.pop("bytes")
        manifest(store, seq).write_text(json.dumps(doc), encoding="utf-8")
    (store.root / "sequence.json").unlink()
    (store.root / "verified.json").unlink()
    fresh = Store(store.root)
    assert total(fresh) == JAN + FEB + FEB_MORE
    assert verify(fresh).ok
    # their files are checked by row count
    path = fresh.data_files(periods=["2025-02"])[0]
    shutil.copy(fresh.data_files(periods=["2025-01"])[0], path)
    with pytest.raises(StoreDamaged, match="holds 2 rows; 1 were committed"):
        Store(store.root).data_files(periods=["2025-02"])


def test_manifests_are_read_once_while_nothing_changes(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tradestats.store.view as view_module

    reads = []
    real = view_module.read_manifests
    monkeypatch.setattr(view_module, "read_manifests", lambda root: reads.append(1) or real(root))
    monkeypatch.setattr(view_module, "RACY_SECONDS", 0.0)
    reader = Store(store.root)
    for _ in range(20):
        reader.periods(), reader.data_files(), reader.batches()
    assert len(reads) == 1
    ingest_files(Store(store.root), [write_csv(tmp_path / "d.csv", [row(period="2025-03")])])
    before = len(reads)
    assert reader.periods() == ["2025-01", "2025-02", "2025-03"]  # another Store's commit
    assert len(reads) == before + 1


def test_a_view_read_in_the_same_clock_tick_as_a_commit_is_read_again(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tradestats.store.view as view_module

    reader = Store(store.root)
    reader.batches()
    stamp = view_module.stamp_of(store.root)
    # a file system whose clock did not move: the stamp stays equal though a batch commits
    monkeypatch.setattr(view_module, "stamp_of", lambda root: stamp)
    monkeypatch.setattr(view_module.time, "time_ns", lambda: (stamp or (0,))[-1])
    reader._views.forget()
    reader.batches()
    shutil.copy(manifest(store, 3), manifest(store, 4))  # as if a 4th batch came in that tick
    with pytest.raises(StoreDamaged, match="b000004"):
        reader.batches()  # the racy view was not trusted


def test_every_file_is_flushed_before_the_manifest_that_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    store = Store(tmp_path / "s")
    ingest_files(store, [write_csv(tmp_path / "a.csv", [row()])])
    events: list[tuple[str, object]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append(("fsync", os.fstat(fd).st_ino))  # the file, whatever its name then
        real_fsync(fd)

    def replace(a: object, b: object) -> None:
        events.append(("rename", str(b)))
        real_replace(a, b)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    bad = [row(period="2025-02"), row(period="2025-02", partner="XXX"), row(period="2025-03")]
    ingest_files(store, [write_csv(tmp_path / "b.csv", bad)], allow_rejects=True)
    monkeypatch.undo()
    manifest_at = events.index(("rename", str(store.root / "manifest" / "b000002.json")))
    rec = store.batch("b000002")
    for rel in [*(f.path for f in rec.files), rec.quarantine, rec.report]:
        inode = (store.root / rel).stat().st_ino
        flushed = [i for i, e in enumerate(events) if e == ("fsync", inode)]
        assert flushed and flushed[0] < manifest_at, rel
    seq_at = events.index(("rename", str(store.root / "sequence.json")))
    assert seq_at > manifest_at


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tradestats.cli", *args], capture_output=True, text=True, timeout=120
    )


def test_verify_and_query_on_the_command_line(store: Store) -> None:
    whole = _cli("verify", "--store", str(store.root), "--full")
    assert whole.returncode == 0, whole.stderr
    assert "whole; 3 batches, 3 data files (3 read" in whole.stdout
    store.data_files(periods=["2025-02"])[0].unlink()
    shutil.copy(manifest(store, 3), store.root / "manifest" / "b000003 (copy).json")
    found = _cli("verify", "--store", str(store.root), "--json")
    assert found.returncode == 3, found.stderr
    doc = json.loads(found.stdout)
    assert [(p["kind"], p["batch"]) for p in doc["problems"]] == [
        ("stray", None),
        ("data", "b000002"),
    ]
    query = _cli("query", "--store", str(store.root), "--period", "2025-02", "--flow", "export")
    assert query.returncode == 3 and "Traceback" not in query.stderr
    assert "b000002-own.parquet: is missing" in query.stderr
    refused = _cli("verify", "--store", str(store.root), "--forget", "b000002")
    assert refused.returncode == 2 and "--forget needs --repair" in refused.stderr
    whole_batch = _cli("verify", "--store", str(store.root), "--repair", "--forget", "b000001")
    assert whole_batch.returncode == 2 and "no problem was found with that batch" in (
        whole_batch.stderr
    )


def test_a_damaged_store_over_http_is_503_without_the_store_path(store: Store) -> None:
    import warnings

    from tradestats.web import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    store.data_files(periods=["2025-01"])[0].unlink()
    with TestClient(create_app(store.root), raise_server_exceptions=False) as client:
        got = client.get("/api/v1/query?period=2025-01&flow=export")
        assert got.status_code == 503, got.text
        error = got.json()["error"]
        assert error["code"] == "store_damaged" and "is missing" in error["message"]
        assert str(store.root) not in got.text and str(store.root.parent) not in got.text
        assert client.get("/api/v1/periods").status_code == 200  # the manifest is whole
        manifest(store, 2).unlink()
        got = client.get("/api/v1/periods")
        assert got.status_code == 503 and "b000002.json: is missing" in got.text
        assert str(store.root.parent) not in got.text


def test_a_manifest_edited_in_place_after_caching_is_found_by_the_next_write(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tradestats.store.view as view_module

    monkeypatch.setattr(view_module, "RACY_SECONDS", 0.0)
    reader = Store(store.root)
    reader.batches(), reader.data_files()  # the verified chain is now cached
    doc = json.loads(manifest(store, 2).read_text(encoding="utf-8"))
    doc["files"][0]["value_cny"] = "5000.00"
    manifest(store, 2).write_text(json.dumps(doc), encoding="utf-8")  # the folder's stat holds
    before = tree(store.root)
    more = write_csv(tmp_path / "d.csv", [row(period="2025-03")])
    with pytest.raises(StoreDamaged, match=r"b000002\.json"):
        ingest_files(Store(store.root), [more])
    with pytest.raises(StoreDamaged, match=r"b000002\.json"):
        ingest_files(reader, [more])  # the caching reader's own write is refused too
    assert tree(store.root) == before
    with pytest.raises(StoreDamaged, match=r"b000002\.json"):
        Store(store.root).batches()  # a new reading (another process, a restart)


def _edit_in_place(path: Path, old: bytes, new: bytes) -> None:
    """Overwrite ``old`` with ``new`` (same length) inside ``path`` and put back the file's
    modification time: its size and modification time hold, and its folder's whole stat (an
    edit in place never touches the folder; ``os.utime`` on it would change its change time)."""
    import os

    assert len(old) == len(new)
    folder, st = path.parent.stat(), path.stat()
    raw = path.read_bytes()
    assert raw.count(old) == 1
    with path.open("r+b") as fh:
        fh.seek(raw.index(old))
        fh.write(new)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns
    after = path.parent.stat()
    assert (after.st_mtime_ns, after.st_ctime_ns) == (folder.st_mtime_ns, folder.st_ctime_ns)


@pytest.mark.parametrize("seq", [2, 3])  # a middle manifest (the chain), the last (sequence.json)
def test_a_manifest_edited_in_place_is_seen_by_a_reader_that_cached_the_store(
    store: Store, monkeypatch: pytest.MonkeyPatch, seq: int
) -> None:
    import tradestats.store.view as view_module

    monkeypatch.setattr(view_module, "RACY_SECONDS", 0.0)
    monkeypatch.setattr(view_module, "ENTRIES_SECONDS", 0.0)
    reader = Store(store.root)  # a long-running reader (the web app)
    assert total(reader, "2025-02") == FEB + FEB_MORE
    value = b'"value_cny": "50.00"' if seq == 2 else b'"value_cny": "7.00"'
    _edit_in_place(manifest(store, seq), value, value.replace(b'"5', b'"9').replace(b'"7', b'"8'))
    with pytest.raises(StoreDamaged, match=rf"b00000{seq}\.json: is not the manifest"):
        reader.batches()
    with pytest.raises(StoreDamaged, match=rf"b00000{seq}\.json"):
        reader.data_files(periods=["2025-02"])


def test_a_manifest_edited_in_place_is_503_in_a_running_web_app(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time
    import warnings

    import tradestats.store.view as view_module
    from tradestats.web import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    monkeypatch.setattr(view_module, "RACY_SECONDS", 0.0)
    with TestClient(create_app(store.root), raise_server_exceptions=False) as client:
        assert client.get("/api/v1/periods").status_code == 200
        _edit_in_place(manifest(store, 2), b'"value_cny": "50.00"', b'"value_cny": "90.00"')
        time.sleep(view_module.ENTRIES_SECONDS + 0.05)  # the most a reader trusts the entries
        got = client.get("/api/v1/periods")
        assert got.status_code == 503 and "b000002.json: is not the manifest" in got.text
