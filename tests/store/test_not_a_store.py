"""A writer never deletes what is not the store's: folders that are not stores are refused, and
the clean-up deletes only what it can prove a crashed writer of this store left.

Regression: ``tradestats ingest in.csv --store .`` in a project folder deleted every file under
``data/``, ``reports/`` and ``quarantine/`` that no manifest named, the input file included.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tradestats.errors import StoreError, UsageError
from tradestats.ingest import ingest_files
from tradestats.store import Store
from tradestats.synth import generate

from helpers import row, write_csv


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _project(root: Path) -> Path:
    """A user's project folder with folders named like a store's, and the input inside it."""
    (root / "data").mkdir(parents=True)
    (root / "reports").mkdir()
    (root / "quarantine").mkdir()
    (root / "reports" / "draft.md").write_text("my report", encoding="utf-8")
    (root / "quarantine" / "notes.txt").write_text("keep", encoding="utf-8")
    (root / "README").write_text("project", encoding="utf-8")
    return write_csv(root / "data" / "jan.csv", [row()])


def test_ingest_into_a_folder_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    src = _project(tmp_path / "project")
    before = _tree(tmp_path / "project")
    with pytest.raises(StoreError, match="is not a tradestats store: it holds 4 entries"):
        ingest_files(tmp_path / "project", [src])
    assert _tree(tmp_path / "project") == before  # the input file too
    assert not (tmp_path / "project" / "tradestats-store.json").exists()


def test_the_cli_says_so_with_exit_code_2_and_no_traceback(tmp_path: Path) -> None:
    src = _project(tmp_path / "project")
    before = _tree(tmp_path / "project")
    done = subprocess.run(
        [sys.executable, "-m", "tradestats.cli", "ingest", "data/jan.csv", "--store", "."],
        cwd=tmp_path / "project",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "is not a tradestats store" in done.stderr and "Traceback" not in done.stderr
    assert _tree(tmp_path / "project") == before
    assert src.is_file()


def test_an_empty_folder_becomes_a_store(tmp_path: Path) -> None:
    (tmp_path / "s").mkdir()
    report = ingest_files(tmp_path / "s", [write_csv(tmp_path / "a.csv", [row()])])
    assert report.committed and Store(tmp_path / "s").periods() == ["2025-01"]


def test_a_damaged_marker_is_refused(tmp_path: Path) -> None:
    ingest_files(tmp_path / "s", [write_csv(tmp_path / "a.csv", [row()])])
    (tmp_path / "s" / "tradestats-store.json").write_text('{"kind": "trade', encoding="utf-8")
    before = _tree(tmp_path / "s")
    with pytest.raises(StoreError, match=r"tradestats-store\.json is damaged"):
        ingest_files(tmp_path / "s", [write_csv(tmp_path / "b.csv", [row(period="2025-02")])])
    assert _tree(tmp_path / "s") == before


def test_unaccounted_files_are_moved_aside_never_deleted(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    ingest_files(store, [write_csv(tmp_path / "a.csv", [row()])])
    root = store.root
    foreign = {
        "data/mine.csv": b"a user's file",
        # named like the writer's files, but for batch 1, which is committed and names other
        # files: not provably a crashed writer's
        "data/period=2025-01/b000001-9.parquet": b"PAR1 not ours",
        "reports/b000001-old.json": b"{}",
        "staging/keep-me.txt": b"mine too",
    }
    for rel, data in foreign.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    crashed = root / "data" / "period=2025-03" / "b000002-own.parquet"  # batch 2: never committed
    crashed.parent.mkdir()
    crashed.write_bytes(b"left by a killed writer")
    report = ingest_files(store, [write_csv(tmp_path / "b.csv", [row(period="2025-02")])])
    assert report.batch == "b000002"
    assert not crashed.exists()
    aside = list((root / "lost+found").iterdir())
    assert len(aside) == 1
    kept = {p.relative_to(aside[0]).as_posix(): p.read_bytes() for p in aside[0].rglob("*")
            if p.is_file()}  # fmt: skip
    assert kept == foreign
    assert any("moved aside 4 file(s)" in n and "lost+found/" in n for n in report.notes)
    assert store.periods() == ["2025-01", "2025-02"]


def test_the_upload_endpoint_refuses_a_folder_that_is_not_a_store(tmp_path: Path) -> None:
    import warnings

    from tradestats.web import create_app
    from tradestats.web.routes.ingest import IngestConfig

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    _project(tmp_path / "project")
    before = _tree(tmp_path / "project")
    token = "k" * 40
    config = IngestConfig(store=tmp_path / "project", token=token)
    with TestClient(create_app(tmp_path / "project", ingest=config)) as client:
        got = client.post(
            "/api/v1/ingest?filename=jan.csv",
            content=(tmp_path / "project" / "data" / "jan.csv").read_bytes(),
            headers={"Authorization": f"Bearer {token}"},
        )
    assert got.status_code >= 400 and "is not a tradestats store" in got.text
    assert _tree(tmp_path / "project") == before


def test_synth_refuses_an_out_folder_with_other_content(tmp_path: Path) -> None:
    _project(tmp_path / "project")
    (tmp_path / "project" / "records-2024-01-000.csv").write_text("my own", encoding="utf-8")
    before = _tree(tmp_path / "project")
    with pytest.raises(UsageError, match="entries tradestats synth did not write"):
        generate(3_000, seed=1, out=tmp_path / "project")
    assert _tree(tmp_path / "project") == before


def test_synth_replaces_only_the_files_its_marker_names(tmp_path: Path) -> None:
    first = generate(3_000, seed=1, out=tmp_path / "out")
    assert (tmp_path / "out" / ".tradestats-synth.json").is_file()
    again = generate(3_000, seed=2, out=tmp_path / "out")
    assert [p.name for p in again.files] == [p.name for p in first.files]
    # An output folder written before the marker existed (generated names only) is taken.
    (tmp_path / "out" / ".tradestats-synth.json").unlink()
    generate(3_000, seed=3, out=tmp_path / "out")
    assert (tmp_path / "out" / ".tradestats-synth.json").is_file()
