"""What every fuzz target shares: the example budget, the allowed errors, the time bound, and
keeping the inputs that failed.

The property of every target: given any input, the code under test returns, or raises one of
tradestats' own errors (``tradestats.errors.TradestatsError``: a clear message, never a
traceback), within a time bound. Any other exception, or a slower answer, is a bug.

TRADESTATS_FUZZ_EXAMPLES sets hypothesis' ``max_examples`` per property (CI default 25;
``make reliability`` 150). With TRADESTATS_FUZZ_SAVE=1 a failing input is written to
``tests/fuzz/regressions/<target>/`` as JSON naming the target and its arguments (the shortest
one per exception type and place), where ``test_fuzz_regressions.py`` replays it from then on.

Example:
    >>> with own_errors_only("period", {"text": "2025-13"}, bound=1.0):
    ...     pass
"""

from __future__ import annotations

import base64
import json
import os
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings

from tradestats.errors import TradestatsError

REGRESSIONS = Path(__file__).resolve().parent / "regressions"
SEEDS = Path(__file__).resolve().parent / "seeds"


def examples(default: int = 25) -> int:
    """The number of examples per property: TRADESTATS_FUZZ_EXAMPLES, else ``default``."""
    return int(os.environ.get("TRADESTATS_FUZZ_EXAMPLES", str(default)))


def fuzz_settings(scale: float = 1.0) -> settings:
    """hypothesis settings of a fuzz property: ``scale`` x the example budget, no deadline
    (the time bound is checked by ``own_errors_only``), no example database (the inputs worth
    keeping are kept in regressions/, in the repository). The examples are the same on every
    run (CI stays reproducible) unless TRADESTATS_FUZZ_RANDOM=1 (``make reliability``)."""
    return settings(
        max_examples=max(1, int(examples() * scale)),
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        derandomize=os.environ.get("TRADESTATS_FUZZ_RANDOM") != "1",
    )


class TooSlow(AssertionError):
    """A target took longer than its bound."""


def encode(args: dict[str, Any]) -> dict[str, Any]:
    """JSON-able arguments: bytes become ``{"b64": ...}``."""
    return {
        k: {"b64": base64.b64encode(v).decode()} if isinstance(v, bytes) else v
        for k, v in args.items()
    }


def decode(args: dict[str, Any]) -> dict[str, Any]:
    """The inverse of ``encode``."""
    return {
        k: base64.b64decode(v["b64"]) if isinstance(v, dict) and set(v) == {"b64"} else v
        for k, v in args.items()
    }


def _size(args: dict[str, Any]) -> int:
    return len(json.dumps(encode(args), default=str))


def _save(target: str, args: dict[str, Any], err: BaseException) -> None:
    frame = traceback.extract_tb(err.__traceback__)[-1] if err.__traceback__ else None
    where = f"{Path(frame.filename).stem}-{frame.lineno}" if frame else "bound"
    folder = REGRESSIONS / target
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"found-{type(err).__name__}-{where}.json"
    if path.exists() and _size(json.loads(path.read_text())["args"]) <= _size(args):
        return
    doc = {"target": target, "error": f"{type(err).__name__}: {err}"[:300], "args": encode(args)}
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False, default=str) + "\n")


@contextmanager
def own_errors_only(target: str, args: dict[str, Any], bound: float) -> Iterator[None]:
    """Run the block: tradestats' own errors pass, anything else propagates (and is saved
    with ``args`` when TRADESTATS_FUZZ_SAVE=1); the block must finish within ``bound``
    seconds of CPU time (CPU, not wall time: the machine is shared)."""
    save = os.environ.get("TRADESTATS_FUZZ_SAVE") == "1"
    start = time.process_time()
    try:
        yield
    except TradestatsError:
        pass
    except Exception as err:
        if save:
            _save(target, args, err)
        raise
    spent = time.process_time() - start
    if spent > bound:
        slow = TooSlow(f"{target}: {spent:.2f} s of CPU (bound {bound} s)")
        if save:
            _save(target, args, slow)
        raise slow
