"""Regression (bug 3): a ``tradestats synth`` run that dies part-way left a mix of files.

``generate`` deleted the earlier ``records-*`` files and then wrote the new ones one by one into
``--out``, so a kill (or any error) part-way left a few new months and none of the old ones. Now
the files are written beside ``--out`` and replace it whole. Here the fourth file's write
raises, in place of a SIGKILL (the SIGKILL trials are in test_crash_kill.py).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from tradestats.synth import generate

generate_module = importlib.import_module("tradestats.synth.generate")  # the package's
# attribute of that name is the function


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def _fail_on_fourth(monkeypatch: pytest.MonkeyPatch) -> None:
    real = generate_module._write
    calls = []

    def write(table, path, fmt):  # type: ignore[no-untyped-def]
        calls.append(path)
        if len(calls) == 4:
            raise KeyboardInterrupt("killed part-way")
        real(table, path, fmt)

    monkeypatch.setattr(generate_module, "_write", write)


@pytest.mark.parametrize("earlier", [False, True])
def test_interrupted_run_leaves_the_old_files_or_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, earlier: bool
) -> None:
    out = tmp_path / "out"
    if earlier:
        generate(3_000, seed=1, out=out)
    before = {p.name: p.read_bytes() for p in out.iterdir()} if earlier else None
    _fail_on_fourth(monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        generate(3_000, seed=2, out=out)
    monkeypatch.undo()
    if before is None:
        assert not out.exists() or _names(out) == []
    else:
        assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    result = generate(3_000, seed=2, out=out)  # the next run completes and tidies up
    assert _names(out) == sorted([".tradestats-synth.json", *(p.name for p in result.files)])
    assert len(result.files) == 24
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_other_files_in_out_are_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = generate(3_000, seed=1, out=out)
    (out / "notes.txt").write_text("mine", encoding="utf-8")  # added by the user later
    (out / "sub").mkdir()
    again = generate(3_000, seed=2, out=out)
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (out / "sub").is_dir()
    assert [p.name for p in again.files] == [p.name for p in result.files]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [".tradestats-synth.json", "notes.txt", "sub", *(p.name for p in again.files)]
    )
