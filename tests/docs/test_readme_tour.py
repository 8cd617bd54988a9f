"""The README's tour of the CLI runs verbatim, line by line and in order, on the shipped
examples/ files, from a fresh folder (only `tradestats serve`, which serves until stopped, is
left out: tests/cli and tests/web start it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def tour_commands(markdown: str) -> list[str]:
    """The tour's command lines: continuation lines joined, comment lines left out."""
    block = markdown.split("## A short tour of the CLI", 1)[1].split("```", 2)[1]
    lines = block.replace("\\\n", " ").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


def test_every_line_of_the_tour_runs(tmp_path: Path) -> None:
    commands = tour_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(commands) > 30 and all(c.startswith("tradestats ") for c in commands)
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    bin_dir = Path(sys.executable).parent  # the tradestats command of this environment
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    outputs = {}
    for command in commands:
        if command.startswith("tradestats serve"):
            continue
        done = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=600)  # fmt: skip
        assert done.returncode == 0, f"{command}\n{done.stderr[-1500:]}"
        assert "Traceback" not in done.stderr, command
        outputs[command] = done.stdout
    log = next(out for c, out in outputs.items() if c.startswith("tradestats log"))
    batches = {b["id"]: b for b in json.loads(log)}
    # mar.csv has two rows written wrong on purpose (partner XXA, value 12,5O): quarantined.
    assert (batches["b000003"]["rows_accepted"], batches["b000003"]["rows_quarantined"]) == (4, 2)
    assert batches["b000005"]["mode"] == "replace" and len(batches) == 7
    check = next(out for c, out in outputs.items() if c.startswith("tradestats check"))
    assert "1 contradicted" in check  # the article's "imports fell 2 percent"
    assert (tmp_path / "bulletin-zh.html").stat().st_size > 10_000
