"""Coverage-guided fuzzing (atheris, libFuzzer) of the same targets as the hypothesis tests.

hypothesis draws inputs from strategies; atheris mutates bytes and keeps those that reach new
code of tradestats (its modules are instrumented on import). Every target runs inside
``own_errors_only``: any exception that is not a TradestatsError, or a CPU-time overrun, stops
the run with a non-zero exit, and the input is saved as JSON under regressions/<target>/ so
that test_fuzz_regressions.py replays it from then on.

Usage (``make reliability`` runs every target)::

    python tests/fuzz/atheris_fuzz.py TARGET SECONDS
    python tests/fuzz/atheris_fuzz.py --list

TARGET is ``read-<source>`` (a source of fuzz_targets.SOURCES: the seed file starts the
corpus), ``period``, ``claims`` or ``code-table``.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]  # fuzz_targets, fuzz_kit; tests/helpers
os.environ["TRADESTATS_FUZZ_SAVE"] = "1"


def _targets() -> dict[str, tuple[Callable[[bytes], None], list[bytes]]]:
    """target name -> (the function of one input's bytes, the seed inputs)."""
    from fuzz_targets import SOURCES, claims_text, code_table, period_text, read_source, seed_bytes

    def text(data: bytes) -> str:
        return data.decode("utf-8", errors="replace")

    out: dict[str, tuple[Callable[[bytes], None], list[bytes]]] = {}
    for source in SOURCES:
        out[f"read-{source}"] = (
            lambda data, s=source: read_source(s, data, "auto" if data[:1] == b"A" else None),
            [seed_bytes(source)],
        )
    out["period"] = (lambda data: period_text(text(data)), [b"2025-Q2", b"2025-01..2025-11"])
    out["claims"] = (
        lambda data: claims_text(text(data)),
        [b"In 2025, exports grew by 6.1 percent to 26.99 trillion yuan.", "增长3.8%".encode()],
    )
    out["code-table"] = (
        lambda data: code_table(data),
        [b'[{"CUSTOMS_COUNTRY_CODE": "344", "COUNTRY_CODE": "RUS"}]'],
    )
    return out


def main() -> None:
    if len(sys.argv) == 2 and sys.argv[1] == "--list":
        import atheris

        print(" ".join(_targets()))
        return
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    name, seconds = sys.argv[1], int(sys.argv[2])
    import atheris

    with atheris.instrument_imports(include=["tradestats"]):
        import tradestats.adapters
        import tradestats.checker
        import tradestats.indicators.periods
        import tradestats.ingest  # noqa: F401
    targets = _targets()
    if name not in targets:
        sys.exit(f"unknown target {name!r}; targets: {' '.join(targets)}")
    fn, seeds = targets[name]
    corpus = Path(tempfile.mkdtemp(prefix=f"ts-atheris-{name}-"))
    for i, seed in enumerate(seeds):
        (corpus / f"seed-{i}").write_bytes(seed)
    fn(seeds[0])  # warm up (reference data, lexicon) outside the per-input time limit
    args = [sys.argv[0], f"-max_total_time={seconds}", "-timeout=60", "-rss_limit_mb=3072",
            f"-artifact_prefix={corpus}/", "-print_final_stats=1", str(corpus)]  # fmt: skip
    print(f"atheris: {name} for {seconds} s (failing inputs go to tests/fuzz/regressions/)")
    try:
        atheris.Setup(args, fn)
        atheris.Fuzz()
    finally:
        shutil.rmtree(corpus, ignore_errors=True)


if __name__ == "__main__":
    main()
