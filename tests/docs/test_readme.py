"""The README's Python example runs verbatim on the shipped example file, from a fresh folder."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def python_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", markdown, re.DOTALL | re.MULTILINE)


def test_the_python_example_runs_verbatim(tmp_path: Path) -> None:
    blocks = python_blocks((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(blocks) == 1
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    script = tmp_path / "example.py"
    # the example printed its answer; the test then looks at the objects it left behind
    script.write_text(
        blocks[0] + "\nassert df.value_cny.dtype == 'float64', df.dtypes\n"
        "assert str(type(engine.indicator('asean.total.yoy', period='2025').value)) "
        "== \"<class 'decimal.Decimal'>\"\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["96", "96", "0"]  # examples/sample.csv has 96 valid rows
    assert "million_cny" in done.stdout
