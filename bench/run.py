"""Run every benchmark of bench/ and write their sections to BENCHMARKS.md.

Usage: python bench/run.py [--ingest-rows 10000000] [--engine-rows 10000000]
       [--scale-rows 1000000,10000000,100000000] [--repeats 3]

Each benchmark script prints a Markdown section (medians, ratios against its baselines in the same
run, peak memory); this script adds the machine, the date and the command, and writes the file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def section(script: str, *args: str) -> str:
    """Run one benchmark script and return what it printed."""
    cmd = [sys.executable, str(HERE / script), *args]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    shown = " ".join(["python", f"bench/{script}", *args])
    return f"Command: `{shown}`\n\n{out.strip()}\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--ingest-rows", default="10000000")
    parser.add_argument("--web-store", type=Path, default=Path("demo-store"), help="make demo's")
    parser.add_argument(
        "--scale-rows", default="1000000,10000000,100000000", help="Sizes, comma list."
    )
    parser.add_argument("--repeats", default="3")
    parser.add_argument("--out", type=Path, default=HERE.parent / "BENCHMARKS.md")
    args = parser.parse_args()
    parts = [
        "# Benchmarks\n",
        f"Run on {dt.date.today().isoformat()}, {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, with `make bench` "
        f"(`python bench/run.py`). Medians of {args.repeats} runs; every way runs in a fresh "
        "process; peak memory is that process's maximum resident set.\n",
        section("bench_ingest.py", "--rows", args.ingest_rows, "--repeats", args.repeats),
        section("bench_scale.py", "--rows", args.scale_rows, "--repeats", args.repeats),
    ]
    if args.web_store.is_dir():
        parts.append(section("bench_web.py", "--store", str(args.web_store), "--seconds", "30"))
    args.out.write_text("\n".join(parts), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
