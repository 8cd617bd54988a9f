"""What opening a store costs a reader: Store.periods(), Store.data_files() and the web app's
per-request store state, on a store of many batches.

Usage: python bench/bench_store_open.py --store /tmp/store-301 [--batches 301] [--repeats 200]

The store is built once (one small batch per month, 2000-01 onwards) when ``--store`` does not
exist. Each figure is the median over ``--repeats`` calls on one Store, after one warm-up call
(what a long-running server or a bulletin pays per call), and the first call on a fresh Store
(what a new process pays). ``engine query`` is one `Engine.query` of a year by partner. The
view's stamp is what every call pays to learn that the manifests did not change, the entries
of manifest/ what a call pays at most twice a second to see a manifest edited in place
(``store/view.py``).
The last row is the first ``data_files()`` on a copy of the store (``shutil.copytree``: new
inodes and change times, so every file is checksummed once: what the first query after a
restore from backup pays), with the store's size.

Example:
    PYTHONPATH=src python bench/bench_store_open.py --store /tmp/store-301
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tradestats.ingest import ingest_files
from tradestats.store import Store
from tradestats.store.view import stamp_of

try:
    from tradestats.store.view import entries_of
except ImportError:  # the commit before
    entries_of = None  # type: ignore[assignment]


def build(root: Path, batches: int) -> None:
    """``batches`` batches of 20 rows, one month each."""
    header = "period,flow,hs_code,partner,value_cny,value_usd\n"
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(batches):
            period = f"{2000 + i // 12}-{i % 12 + 1:02d}"
            lines = [
                f"{period},export,850760{j:02d},{('USA', 'VNM', 'DEU', 'JPN')[j % 4]},"
                f"{100 + j}.00,{14 + j}.00\n"
                for j in range(20)
            ]
            path = Path(tmp) / f"m{i}.csv"
            path.write_text(header + "".join(lines), encoding="utf-8")
            ingest_files(root, [path])


def median_ms(fn: Callable[[], object], repeats: int) -> float:
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def first_ms(fn: Callable[[Store], object], root: Path) -> float:
    store = Store(root)
    start = time.perf_counter()
    fn(store)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--batches", type=int, default=301)
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()
    if not args.store.exists():
        build(args.store, args.batches)
    store = Store(args.store)
    n = len(store.batches())
    year = store.periods()[-13][:4]
    months = [p for p in store.periods() if p.startswith(year)]
    from tradestats.engine import Engine
    from tradestats.web.cache import store_state

    engine = Engine(args.store)

    def query() -> object:
        return engine.query(period=year, flow="export", by="partner", measures="value_cny")

    rows = [
        ("Store.batches()", lambda: store.batches(), lambda s: s.batches()),
        ("Store.periods()", lambda: store.periods(), lambda s: s.periods()),
        (
            f"Store.data_files({len(months)} months)",
            lambda: store.data_files(periods=months),
            lambda s: s.data_files(periods=months),
        ),
        ("Store.data_files() (all)", lambda: store.data_files(), lambda s: s.data_files()),
        ("web store_state()", lambda: store_state(store), lambda s: store_state(s)),
    ]
    print(f"{n} batches, {len(store.data_files())} live files\n")
    print("| call | first call on a new Store (ms) | median of later calls (ms) |")
    print("|---|---|---|")
    for name, again, first in rows:
        cold, warm = first_ms(first, args.store), median_ms(again, args.repeats)
        print(f"| {name} | {cold:.2f} | {warm:.3f} |")
    stamp = median_ms(lambda: stamp_of(args.store), args.repeats)
    print(f"| the view's stamp (`stat` of manifest/ and sequence.json) | - | {stamp:.3f} |")
    if entries_of is not None:  # absent before manifests edited in place were looked for
        cost = median_ms(lambda: entries_of(args.store), args.repeats)
        name = "the entries of manifest/ (a `stat` each; twice a second at most)"
        print(f"| {name} | - | {cost:.3f} |")
    print(f"| engine query (a year by partner) | - | {median_ms(query, 30):.2f} |")
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copy"
        shutil.copytree(args.store, copy)
        size = sum(p.stat().st_size for p in (copy / "data").rglob("*.parquet"))
        cold = first_ms(lambda s: s.data_files(), copy)
        print(f"| Store.data_files() on a copy ({size / 1e6:.1f} MB of data) | {cold:.2f} | - |")


if __name__ == "__main__":
    main()
