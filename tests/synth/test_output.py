"""``--out`` of tradestats synth: one run at a time, and a run killed in its swap loses none of
the user's files (the SIGKILL campaigns are in tests/reliability/test_crash_kill.py)."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import pytest

from tradestats.errors import StoreBusy
from tradestats.synth import generate
from tradestats.synth.output import MARKER, staged_output

output_module = importlib.import_module("tradestats.synth.output")


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_second_run_on_the_same_out_is_refused_and_touches_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with staged_output(out) as stage:  # a run in progress
        (stage / "records-2024-01-000.csv").write_text("first run\n", encoding="utf-8")
        with pytest.raises(StoreBusy, match="being written by another process"):
            generate(2_000, seed=1, out=out)
        assert (stage / "records-2024-01-000.csv").read_text(encoding="utf-8") == "first run\n"
    assert _names(out) == [MARKER, "records-2024-01-000.csv"]
    assert _names(tmp_path) == ["out"]  # the lock is gone with its run
    generate(2_000, seed=1, out=out)  # and the next run may go ahead


def test_a_kill_between_the_two_renames_keeps_the_users_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    first = generate(2_000, seed=1, out=out)
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    real = os.rename
    calls: list[tuple[str, str]] = []

    def rename(src: str | Path, dst: str | Path) -> None:
        calls.append((str(src), str(dst)))
        if Path(dst) == out:  # the new folder into --out's place: killed just before
            raise KeyboardInterrupt("killed between the renames")
        real(src, dst)

    monkeypatch.setattr(output_module.os, "rename", rename)
    with pytest.raises(KeyboardInterrupt):
        generate(2_000, seed=2, out=out)
    monkeypatch.undo()
    assert not out.exists()  # the moment between the renames
    kept = [p for p in tmp_path.rglob("notes.txt")]
    assert kept and all(p.read_text(encoding="utf-8") == "mine" for p in kept)
    again = generate(2_000, seed=2, out=out)
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert _names(out) == sorted([MARKER, "notes.txt", *(p.name for p in again.files)])
    assert _names(tmp_path) == ["out"]
    assert len(first.files) == len(again.files) == 24


def test_a_users_file_is_linked_not_copied_and_out_is_swapped_whole(tmp_path: Path) -> None:
    out = tmp_path / "out"
    generate(2_000, seed=1, out=out)
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    inode = (out / "notes.txt").stat().st_ino
    folder = out.stat().st_ino
    generate(2_000, seed=2, out=out)
    assert (out / "notes.txt").stat().st_ino == inode  # the same file, not a copy
    assert (out / "notes.txt").stat().st_nlink == 1  # the old folder's link is gone
    assert out.stat().st_ino != folder  # a new folder, put in place by one rename
