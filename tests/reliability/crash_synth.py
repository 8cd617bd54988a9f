"""SIGKILL trials of ``tradestats synth``: its output directory is old, absent or complete.

A run writes 24 monthly files. A kill at any moment must leave ``--out`` holding exactly what
it held before (an earlier run's files), nothing at all (the directory absent), or exactly the
files an uninterrupted run with the same seed writes (same names, same bytes); never a mix,
never a partial file, never a temporary file inside it. The next run must then succeed and
leave nothing of the killed one behind (beside ``--out`` either).

Trials alternate two seeds so that "old" and "complete" differ. With ``foreign``, ``--out``
also holds a file of the user's (``notes.txt``), which every outcome but "absent" must hold
unchanged (an absent ``--out`` is the moment between two renames: the next run puts the complete
folder, with the user's file, in place).

``run_concurrent_synth`` starts two runs on one ``--out`` at the same moment: one must finish
and the other be refused (exit code 2, nothing written), or both finish one after the other;
``--out`` then holds exactly one seed's complete set.

Example:
    >>> outcome = run_synth_campaign(trials=3, seed=1, work=tmp_path)   # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tradestats.synth import generate

RECORDS = 20_000
Listing = dict[str, str] | None  # file name -> sha256; None when the directory is absent


def listing(folder: Path) -> Listing:
    """Every entry of ``folder`` (files by content; anything else is named as such)."""
    if not folder.exists():
        return None
    out = {}
    for p in sorted(folder.iterdir()):
        out[p.name] = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "<dir>"
    return out


def command(out: Path, seed: int) -> list[str]:
    return [sys.executable, "-m", "tradestats.cli", "synth", "--records", str(RECORDS),
            "--seed", str(seed), "--out", str(out), "--quiet"]  # fmt: skip


def _first_file(out: Path, before: Listing) -> bool:
    """True once ``out`` holds a file it did not hold before (new name or new bytes)."""
    if not out.is_dir():
        return False
    now = {p.name for p in out.iterdir()}
    return bool(now - set(before or {})) or (before is not None and now != set(before))


@dataclass
class SynthOutcome:
    """Where the kills landed (as seen in --out) and how long the campaign took."""

    trials: int = 0
    seen: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def line(self) -> str:
        shown = ", ".join(f"{k}: {v}" for k, v in sorted(self.seen.items()))
        return f"synth: {self.trials} kills in {self.seconds:.0f} s; --out was {shown}"


NOTES = ("notes.txt", b"kept by the user beside the generated months\n")


def run_synth_campaign(trials: int, seed: int, work: Path, foreign: bool = False) -> SynthOutcome:
    """``trials`` SIGKILLed ``tradestats synth`` runs into one --out; assert after each."""
    began = time.monotonic()
    rng = random.Random(seed)
    refs = {}
    for s in (1, 2):
        generate(RECORDS, seed=s, out=work / f"ref-{s}")
        refs[s] = listing(work / f"ref-{s}")
    # Calibration: when does the first output file appear, and when does the run end?
    start = time.monotonic()
    proc = subprocess.Popen(command(work / "calib", 1), stdout=subprocess.DEVNULL)
    first = None
    while proc.poll() is None:
        if first is None and _first_file(work / "calib", None):
            first = time.monotonic() - start
        time.sleep(0.002)
    ended = time.monotonic() - start
    assert proc.returncode == 0 and listing(work / "calib") == refs[1], "calibration run"
    first = first if first is not None else ended * 0.8
    out = work / "out"
    if foreign:  # a folder synth wrote, where the user then put a file of their own
        generate(RECORDS, seed=2, out=out)
        (out / NOTES[0]).write_bytes(NOTES[1])
        for s in (1, 2):
            refs[s] = {**(refs[s] or {}), NOTES[0]: hashlib.sha256(NOTES[1]).hexdigest()}
    outcome = SynthOutcome()
    for trial in range(1, trials + 1):
        s = 1 + trial % 2
        before = listing(out)
        u = rng.random()
        proc = subprocess.Popen(command(out, s), stdout=subprocess.DEVNULL)
        t0 = time.monotonic()
        if u < 0.3:  # as soon as the first new file shows, plus up to 50 ms
            while proc.poll() is None and not _first_file(out, before):
                if time.monotonic() - t0 > ended * 3:
                    break
                time.sleep(0.001)
            time.sleep(rng.uniform(0, 0.05))
            how = "after the first new file"
        else:
            time.sleep(rng.uniform(0, first) if u < 0.45 else rng.uniform(first * 0.7, ended))
            how = "after a random delay"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        after = listing(out)
        label = f"synth trial {trial} (seed {seed}, killed {how}, exit {proc.returncode})"
        if after is None:
            outcome.seen["absent"] += 1
        elif after == refs[s]:
            outcome.seen["complete"] += 1
        elif after == before:
            outcome.seen["old"] += 1
        else:
            new = sum(after.get(n) == h for n, h in refs[s].items())
            old = sum(after.get(n) == h for n, h in (before or {}).items())
            raise AssertionError(
                f"{label}: --out is neither old, absent nor complete: {len(after)} entries, "
                f"{new} of the {len(refs[s])} new files, {old} of the {len(before or {})} old "
                f"ones, others {sorted(set(after) - set(refs[s]) - set(before or {}))[:3]}"
            )
        outcome.trials += 1
        # The next run (in-process) completes, and nothing of the killed run is left.
        generate(RECORDS, seed=s, out=out)
        assert listing(out) == refs[s], label
        stray = [p.name for p in work.iterdir() if p.name.startswith(f".{out.name}")]
        assert not stray, f"{label}: left beside --out: {stray}"
    outcome.seconds = time.monotonic() - began
    return outcome


def run_concurrent_synth(trials: int, work: Path) -> SynthOutcome:
    """``trials`` pairs of ``tradestats synth`` runs started together on one --out."""
    began = time.monotonic()
    refs = {}
    for s in (1, 2):
        generate(RECORDS, seed=s, out=work / f"ref-{s}")
        refs[s] = listing(work / f"ref-{s}")
    outcome = SynthOutcome()
    for trial in range(1, trials + 1):
        out = work / f"out-{trial}"
        procs = {
            s: subprocess.Popen(command(out, s), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            for s in (1, 2)
        }
        codes, errors = {}, {}
        for s, proc in procs.items():
            _, err = proc.communicate(timeout=600)
            codes[s], errors[s] = proc.returncode, err.decode("utf-8", "replace")
        label = f"concurrent synth trial {trial}: exit codes {codes}"
        done = [s for s, code in codes.items() if code == 0]
        refused = [s for s, code in codes.items() if code != 0]
        assert done, f"{label}: no run finished ({errors})"
        for s in refused:
            assert codes[s] == 2 and "being written by another process" in errors[s], (
                f"{label}: {errors[s][-500:]}"
            )
            assert "Traceback" not in errors[s], label
        after = listing(out)
        assert after in (refs[1], refs[2]), f"{label}: --out holds no one run's complete set"
        if len(done) == 1:
            assert after == refs[done[0]], f"{label}: the refused run changed --out"
            outcome.seen["one refused"] += 1
        else:
            outcome.seen["one after the other"] += 1
        stray = [p.name for p in work.iterdir() if p.name.startswith(f".{out.name}")]
        assert not stray, f"{label}: left beside --out: {stray}"
        outcome.trials += 1
    outcome.seconds = time.monotonic() - began
    return outcome
