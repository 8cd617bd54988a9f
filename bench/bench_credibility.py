"""What the credibility checks cost an ingest: the same ingest with and without them, same run.

Usage: python bench/bench_credibility.py --records 10000000 --repeats 3 [--workdir bench/out]

The store holds a first synthetic vintage of 2024-2025 (``tradestats synth``, seed 1); the
timed ingest is a second vintage of the same months (seed 2, one canonical CSV file, so the
direct route, the fastest, where the checks weigh most) with ``--replace``. The checks then
compare every row with a full history: the store's live rows of the same and the preceding
months (the worst case the window allows). Each run starts from a fresh copy of the store;
the two ways alternate. Prints a Markdown section for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from measure import Run, median, python, run_child

INGEST = (
    "import sys; from tradestats.ingest import ingest_files; "
    "r = ingest_files(sys.argv[2], [sys.argv[1]], mode='replace'); "
    "assert r.route == 'direct', r.route"
)
# The same ingest with the review call made a no-op: what the checks cost is the difference.
WITHOUT = (
    "import sys; from tradestats.ingest import pipeline; "
    "pipeline.review_ingest = lambda *a: []; " + INGEST.replace("import sys; ", "")
)


def _synth(records: int, seed: int, out: Path) -> list[Path]:
    from tradestats.synth import generate

    if not out.is_dir():
        generate(records, seed=seed, out=out)
    return sorted(out.glob("records-*.parquet"))


def _one_csv(files: list[Path], path: Path) -> Path:
    if not path.exists():
        tmp = path.with_name(path.name + ".tmp")
        writer = None
        for f in files:
            table = pq.read_table(f)
            writer = writer or pacsv.CSVWriter(tmp, table.schema)
            writer.write_table(table)
        assert writer is not None
        writer.close()
        tmp.replace(path)
    return path


def main() -> None:
    from tradestats.ingest import ingest_files

    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path("bench/out"))
    args = parser.parse_args()
    work = args.workdir / f"credibility-{args.records}"
    work.mkdir(parents=True, exist_ok=True)
    base = work / "base-store"
    if not base.is_dir():
        ingest_files(base, _synth(args.records, 1, work / "synth-1"))
    batch = _one_csv(_synth(args.records, 2, work / "synth-2"), work / "vintage-2.csv")
    ways = {"ingest without the checks": WITHOUT, "ingest with the checks": INGEST}
    runs: dict[str, list[Run]] = {name: [] for name in ways}
    review_seconds, listed = [], 0
    for _ in range(args.repeats):
        for name, code in ways.items():
            store = work / "store"
            shutil.rmtree(store, ignore_errors=True)
            shutil.copytree(base, store)
            runs[name].append(run_child(python(code, str(batch), str(store))))
            summary = store / "review" / "b000002.json"
            if name.endswith("with the checks") and summary.is_file():
                doc = json.loads(summary.read_text())
                review_seconds.append(doc["seconds"])
                listed = doc["rows_listed"]
    report(args.records, batch, {k: median(v) for k, v in runs.items()}, args.repeats,
           sorted(review_seconds), listed)  # fmt: skip


def report(
    records: int, csv: Path, med: dict[str, Run], repeats: int, review: list[float], listed: int
) -> None:
    size = csv.stat().st_size / 1e6
    without = med["ingest without the checks"].seconds
    print(f"### Credibility checks at ingest, {records:,} records ({size:,.0f} MB CSV), "
          f"median of {repeats}\n")  # fmt: skip
    print("| way | seconds | CPU seconds | rows/s | time vs without | peak MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, run in med.items():
        print(
            f"| {name} | {run.seconds:.2f} | {run.cpu_seconds:.1f} | {records / run.seconds:,.0f} "
            f"| {run.seconds / without:.2f} | {run.peak_mb:,.0f} |"
        )
    if review:
        mid = review[len(review) // 2]
        print(f"\nThe review itself (its own clock, median): {mid:.2f} s, "
              f"{mid / without * 100:.0f} % of the ingest without it; "
              f"{listed:,} rows listed ({listed / records * 100:.3f} %).")  # fmt: skip


if __name__ == "__main__":
    main()
