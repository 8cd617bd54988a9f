"""A bad output path (a folder, a missing parent folder, a read-only place) is one line naming
the path and why, exit 2, before the work starts: never a traceback, nothing half-written."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import row, write_csv

CLI = [sys.executable, "-c", "from tradestats.cli import main; main()"]


@pytest.fixture
def readonly(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody may write: a read-only tmpfs as root (root ignores modes), else 0o555."""
    place = tmp_path / "ro"
    place.mkdir()
    if os.geteuid() == 0:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", place])
        if mounted.returncode != 0:
            pytest.skip("root without mount: no read-only place can be made")
        yield place
        subprocess.run(["umount", place], check=True)
    else:
        place.chmod(0o555)
        yield place
        place.chmod(0o755)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    src = write_csv(tmp_path / "in.csv", [row(period="2025-01"), row(period="2025-02")])
    cmd = [*CLI, "ingest", str(src), "--store", str(tmp_path / "s"), "-q"]
    subprocess.run(cmd, check=True, capture_output=True)
    return tmp_path / "s"


def commands(store: Path, out: Path) -> dict[str, list[str]]:
    s = ["--store", str(store)]
    months = "2025-01..2025-02"
    return {
        "query": ["query", *s, "--period", months, "--format", "csv", "--out", str(out)],
        "query-table": ["query", *s, "--period", months, "--out", str(out)],
        "log": ["log", *s, "--format", "json", "--out", str(out)],
        "bulletin": ["bulletin", *s, "--period", "2025-01", "--format", "md", "--out", str(out)],
        "synth": ["synth", "--records", "2000", "--out", str(out), "-q"],
    }


def failing(args: list[str]) -> str:
    done = subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300)
    assert done.returncode == 2, (args, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines[-1].startswith("error: ") or lines[0].startswith("error: "), done.stderr
    return " ".join(done.stderr.split())


@pytest.mark.parametrize("command", ["query", "query-table", "log", "bulletin", "synth"])
def test_out_under_a_missing_folder(store: Path, tmp_path: Path, command: str) -> None:
    out = tmp_path / "missing" / "out.x"
    said = failing(commands(store, out)[command])
    assert f"cannot write {'into ' if command == 'synth' else ''}{out}" in said
    assert f"its folder {out.parent} does not exist" in said
    assert not out.parent.exists()


@pytest.mark.parametrize("command", ["query", "query-table", "log", "bulletin"])
def test_out_that_is_a_folder(store: Path, tmp_path: Path, command: str) -> None:
    out = tmp_path / "afolder"
    out.mkdir()
    said = failing(commands(store, out)[command])
    assert f"cannot write {out}: it is a folder" in said
    assert list(out.iterdir()) == []


def test_synth_out_that_is_a_file(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "afile"
    out.write_text("mine\n", encoding="utf-8")
    said = failing(commands(store, out)["synth"])
    assert f"cannot write into {out}: it is a file, not a folder" in said
    assert out.read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize("command", ["query", "log", "bulletin", "synth"])
def test_out_in_a_read_only_place(store: Path, readonly: Path, command: str) -> None:
    out = readonly / "out.x"
    said = failing(commands(store, out)[command])
    assert str(out) in said
    assert "permission denied" in said.lower() or "read-only" in said.lower()
    assert list(readonly.iterdir()) == []
