"""Write calibrated synthetic declaration lines, one file per month (split into parts if large).

Example:
    >>> import tempfile
    >>> from tradestats.synth import generate
    >>> result = generate(20_000, seed=7, out=tempfile.mkdtemp())  # doctest: +SKIP
    >>> len(result.files), all(c.ok for c in result.checks)  # doctest: +SKIP
    (24, True)
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from tradestats.errors import UsageError
from tradestats.synth.calibrate import Plan, build_plan
from tradestats.synth.claims import Check, check_claims, count_check
from tradestats.synth.enterprises import Population, build_population, provinces_of
from tradestats.synth.lines import Vocab, chunk_table, goods_of
from tradestats.synth.output import staged_output
from tradestats.synth.targets import Targets, load_targets

FORMATS = ("parquet", "csv")
DEFAULT_CHUNK = 1_000_000


@dataclass
class SynthResult:
    """What a run wrote and how well the records meet the targets (from the plan's fen)."""

    files: list[Path]
    records: int
    seconds: float
    checks: list[Check]

    @property
    def records_per_second(self) -> float:
        return self.records / self.seconds if self.seconds else float("nan")


def _cdf(weights: dict[str, float]) -> tuple[pa.Array, np.ndarray]:
    names = sorted(weights)
    return pa.array(names), np.cumsum([weights[k] for k in names])


def _indexed(names: list[str], weights: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    keys = sorted(weights)
    return np.array([names.index(k) for k in keys]), np.cumsum([weights[k] for k in keys])


def build_vocab(plan: Plan, targets: Targets) -> Vocab:
    """Code lists and cumulative weights the line generator draws from."""
    st = targets.structure
    hs8_cdf = {}
    for f in (0, 1):
        for s in range(plan.axes.shape[3]):
            lines = np.flatnonzero(plan.sig_of_hs8 == s)
            if len(lines) and plan.hs8_weight[f, lines].sum() > 0:
                hs8_cdf[(f, s)] = (lines, np.cumsum(plan.hs8_weight[f, lines]))
    modes = st["trade_modes"]
    mode_names = sorted({m for table in modes.values() for m in table})
    types = list(modes)
    brand_names = ["0", "1", "2", "3", "4"]
    return Vocab(
        partners=pa.array(plan.world.partners),
        hs8=pa.array(plan.world.hs8),
        hs8_cdf=hs8_cdf,
        provinces=pa.array(provinces_of(st)),
        mode_names=pa.array(mode_names),
        modes={
            ["state_owned", "foreign_invested", "private", "other"].index(t): _indexed(
                mode_names, modes[t]
            )
            for t in types
        },
        transport=_cdf(st["transport_modes"]),
        brand_names=pa.array(brand_names),
        brands={
            0: _indexed(brand_names, st["brand_types"]["other"]),
            1: _indexed(brand_names, st["brand_types"]["domestic"]),
        },
        rates=np.array(targets.rates[2024] + targets.rates[2025]),
        st=st,
        # A code's price level and unit are properties of the goods, the same in every run.
        goods=goods_of(len(plan.world.hs8), st, np.random.default_rng(20250114)),
    )


def _chunks(plan: Plan, chunk_records: int) -> Iterator[tuple[int, int, np.ndarray]]:
    """(month, part, positions of plan cells): a month's cells, cut at ``chunk_records`` lines."""
    month = plan.axes.coords(plan.cells)[0]
    for m in range(24):
        pos = np.flatnonzero(month == m)
        part = np.cumsum(plan.counts[pos]) // max(1, chunk_records) if len(pos) else pos
        for k in np.unique(part):
            yield m, int(k), pos[part == k]


def _population(plan: Plan, targets: Targets, seed: int) -> Population:
    coords = plan.axes.coords(plan.cells)
    lines = np.zeros((2, 4), dtype=np.int64)
    np.add.at(lines, (coords[0] // 12, coords[4]), plan.counts)
    claim = targets.count("enterprises")
    population = claim.population if claim and claim.population else 10_000
    return build_population(lines, population, targets.structure, np.random.default_rng([seed, 2]))


def plan_checks(plan: Plan, targets: Targets, pop: Population) -> list[Check]:
    """Published figures and counts as the plan's exact fen totals give them."""
    levels = {
        (t.id, y): plan.level(t.scope, y) / 100 for t in targets.targets for y in (2024, 2025)
    }
    checks = check_claims(targets, lambda tid, year: levels[(tid, year)])
    coords = plan.axes.coords(plan.cells)
    by_partner = np.zeros((2, len(plan.world.partners)))
    np.add.at(by_partner, (coords[0] // 12, coords[2]), plan.fen)
    counts = {
        "partners_traded": int((by_partner[1] > 0).sum()),
        "partners_growing": int(((by_partner[1] > by_partner[0]) & (by_partner[0] > 0)).sum()),
        "enterprises": int(pop.active[1].sum()),
    }
    extra = [count_check(targets, kind, n) for kind, n in counts.items()]
    return checks + [c for c in extra if c is not None]


def _write(table: pa.Table, path: Path, fmt: str) -> None:
    if fmt == "parquet":
        pq.write_table(table, path, compression="zstd")
    else:
        pacsv.write_csv(table, path)


def _progress(show: bool) -> AbstractContextManager[Progress | None]:
    if not show:
        return nullcontext(None)
    columns = (TextColumn("synth"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    return Progress(*columns, transient=True)


def generate(
    n_records: int,
    targets: str | Path | Targets | None = None,
    seed: int = 0,
    out: str | Path = "synth-out",
    fmt: str = "parquet",
    chunk_records: int = DEFAULT_CHUNK,
    progress: bool = False,
) -> SynthResult:
    """Generate ``n_records`` calibrated lines for 2024-2025 into ``out``.

    Files are ``records-YYYY-MM-PPP.parquet`` (or ``.csv``) in the canonical schema; earlier
    files of that pattern in ``out`` are replaced, all at once (see ``synth.output``: a run
    killed part-way leaves the earlier files). The same seed gives the same bytes.
    """
    if fmt not in FORMATS:
        raise UsageError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    start = time.perf_counter()
    t = targets if isinstance(targets, Targets) else load_targets(targets)
    plan = build_plan(t, n_records, seed)
    pop = _population(plan, t, seed)
    vocab = build_vocab(plan, t)
    out_dir = Path(out)
    files = []
    stream = np.zeros((2, 4), dtype=np.int64)
    with staged_output(out_dir) as stage, _progress(progress) as bar:  # no mix if killed
        task = bar.add_task("synth", total=n_records) if bar else None
        for k, (m, part, pos) in enumerate(_chunks(plan, chunk_records)):
            coords = plan.axes.coords(plan.cells[pos])
            starts = {(m // 12, e): int(stream[m // 12, e]) for e in range(4)}
            rng = np.random.default_rng([seed, 1, k])
            table = chunk_table(coords, plan.counts[pos], plan.fen[pos], starts, vocab, pop, rng)
            np.add.at(stream[m // 12], coords[4], plan.counts[pos])
            name = f"records-{2024 + m // 12}-{m % 12 + 1:02d}-{part:03d}.{fmt}"
            _write(table, stage / name, fmt)
            files.append(out_dir / name)
            if bar is not None and task is not None:
                bar.advance(task, table.num_rows)
    seconds = time.perf_counter() - start
    return SynthResult(files, int(plan.counts.sum()), seconds, plan_checks(plan, t, pop))
