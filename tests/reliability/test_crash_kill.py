"""SIGKILL at random moments of ingests of every source format, of --replace, and of synth.

Each kind runs TRADESTATS_CRASH_TRIALS kills (CI: 3; ``make reliability``: 50) into its own
store; the delays come from TRADESTATS_CRASH_SEED (printed; fixed by default). See crash_kit.py
for what each trial proves, and RELIABILITY.md for the figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from crash_kit import KINDS, run_campaign, seed_for, trials_from_env
from crash_synth import run_concurrent_synth, run_synth_campaign

TRIALS = trials_from_env()


@pytest.mark.slow
@pytest.mark.parametrize("name", list(KINDS))
def test_killed_ingest_leaves_before_or_after(name: str, tmp_path: Path) -> None:
    seed = seed_for(name)
    print(f"\n{name}: seed {seed} (from TRADESTATS_CRASH_SEED), {TRIALS} trials")
    outcome = run_campaign(KINDS[name], TRIALS, seed, tmp_path)
    print(outcome.line())
    assert outcome.trials == TRIALS
    assert outcome.rows_lost == 0 and outcome.rows_doubled == 0


@pytest.mark.slow
def test_killed_synth_leaves_old_absent_or_complete(tmp_path: Path) -> None:
    seed = seed_for("synth")
    print(f"\nsynth: seed {seed} (from TRADESTATS_CRASH_SEED), {TRIALS} trials")
    outcome = run_synth_campaign(TRIALS, seed, tmp_path)
    print(outcome.line())
    assert outcome.trials == TRIALS


@pytest.mark.slow
def test_killed_synth_keeps_the_users_file_and_leaves_no_mix(tmp_path: Path) -> None:
    seed = seed_for("synth-foreign")
    print(f"\nsynth with a file of the user's in --out: seed {seed}, {TRIALS} trials")
    outcome = run_synth_campaign(TRIALS, seed, tmp_path, foreign=True)
    print(outcome.line())
    assert outcome.trials == TRIALS


@pytest.mark.slow
def test_two_synth_runs_on_one_out_are_serialised_or_refused(tmp_path: Path) -> None:
    outcome = run_concurrent_synth(max(2, TRIALS // 5), tmp_path)
    shown = ", ".join(f"{k}: {v}" for k, v in sorted(outcome.seen.items()))
    print(f"\nconcurrent synth: {outcome.trials} pairs in {outcome.seconds:.0f} s; {shown}")
    assert outcome.seen["one refused"] + outcome.seen["one after the other"] == outcome.trials
