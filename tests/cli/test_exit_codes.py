"""Every failure of a command is one line of text and a documented exit code (docs/schema.md):
a bug too (exit 4), and a message never prints a field of a gigabyte or reads as markup."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tradestats.cli import MAX_MESSAGE, shown

from helpers import row, write_csv

# The CLI in a subprocess, with a fault installed before main() runs: argv[1] names it.
PRELUDE = """
import sys
FAULT = sys.argv.pop(1)
def boom(*a, **k):
    raise RuntimeError("unforeseen [bold]state[/bold]")
if FAULT == "log":
    import tradestats.store.store as s
    s.Store.batches = boom
elif FAULT == "review":
    import tradestats.ingest.pipeline as p
    p.review_ingest = boom
elif FAULT == "after-commit":
    import tradestats.store.writer as w
    real = w.StoreWriter.commit
    def commit(self, *a, **k):
        real(self, *a, **k)
        boom()
    w.StoreWriter.commit = commit
elif FAULT == "report-full":
    import errno, pathlib
    real_write = pathlib.Path.write_text
    def write_text(self, *a, **k):
        if self.name == "user-report.json":
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real_write(self, *a, **k)
    pathlib.Path.write_text = write_text
from tradestats.cli import main
main()
"""


def run(fault: str, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-c", PRELUDE, fault, *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


def test_a_bug_is_one_line_and_exit_4(tmp_path: Path) -> None:
    src = write_csv(tmp_path / "in.csv", [row()])
    assert run("none", "ingest", str(src), "--store", str(tmp_path / "s")).returncode == 0
    done = run("log", "log", "--store", str(tmp_path / "s"))
    assert done.returncode == 4, done.stderr
    assert "Traceback" not in done.stderr
    assert "internal error: RuntimeError: unforeseen [bold]state[/bold]" in done.stderr
    assert "TRADESTATS_TRACEBACK=1" in done.stderr


def test_a_bug_inside_an_ingest_says_nothing_was_committed(tmp_path: Path) -> None:
    src = write_csv(tmp_path / "in.csv", [row()])
    done = run("review", "ingest", str(src), "--store", str(tmp_path / "s"))
    assert done.returncode == 4 and "Traceback" not in done.stderr
    assert "nothing was committed" in " ".join(done.stderr.split())
    assert not list((tmp_path / "s" / "manifest").glob("*.json"))


def test_a_bug_after_the_commit_says_the_batch_was_committed(tmp_path: Path) -> None:
    src = write_csv(tmp_path / "in.csv", [row()])
    done = run("after-commit", "ingest", str(src), "--store", str(tmp_path / "s"))
    assert done.returncode == 4 and "Traceback" not in done.stderr
    assert "the batch was committed" in " ".join(done.stderr.split())
    assert [p.name for p in (tmp_path / "s" / "manifest").glob("*.json")] == ["b000001.json"]


def test_long_messages_are_cut_in_the_middle_saying_how_much() -> None:
    message = "head " + "x" * 1_000_000 + " tail"
    cut = shown(message)
    assert MAX_MESSAGE - 10 <= len(cut) <= MAX_MESSAGE
    assert cut.startswith("head ") and cut.endswith(" tail")
    kept = len(cut.split(" ... ")[0]) + len(cut.split(" ... ")[-1])
    assert f"({len(message) - kept:,} characters left out)" in cut
    assert shown("short") == "short"


def test_report_json_failing_after_commit_says_the_batch_is_committed(tmp_path: Path) -> None:
    src = write_csv(tmp_path / "in.csv", [row()])
    report = tmp_path / "user-report.json"
    store = ["--store", str(tmp_path / "s"), "--report-json", str(report)]
    done = run("report-full", "ingest", str(src), *store)
    said = " ".join(done.stderr.split())
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in said
    assert "batch b000001 is committed" in said
    assert f"cannot write {report}: No space left on device" in said
    assert len(list((tmp_path / "s" / "manifest").glob("*.json"))) == 1
    again = run("none", "ingest", str(src), "--store", str(tmp_path / "s"))
    assert again.returncode != 0  # the committed batch is there: a retry is refused


def test_bad_report_json_path_is_refused_before_anything_is_committed(tmp_path: Path) -> None:
    src = write_csv(tmp_path / "in.csv", [row()])
    (tmp_path / "folder").mkdir()
    for bad, why in [
        (tmp_path / "none" / "r.json", f"its folder {tmp_path / 'none'} does not exist"),
        (tmp_path / "folder", "it is a folder"),
    ]:
        store = ["--store", str(tmp_path / "s"), "--report-json", str(bad)]
        done = run("none", "ingest", str(src), *store)
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert f"cannot write {bad}: {why}" in " ".join(done.stderr.split())
        assert not list((tmp_path / "s" / "manifest").glob("*.json"))
