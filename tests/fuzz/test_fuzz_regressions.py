"""Every input that once failed a fuzz target, replayed through the same target.

Each file of ``regressions/<target>/`` is JSON: the target, the error it raised then, and the
arguments (bytes in base64). A bug that is found but not fixed yet is listed in ``OPEN`` with
its number in RELIABILITY.md: its inputs are expected to fail (strict xfail), so the test
reports at once when the bug is fixed and the entry should go.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fuzz_kit import REGRESSIONS
from fuzz_targets import replay

FILES = sorted(REGRESSIONS.glob("*/*.json"))
OPEN: dict[str, str] = {}  # file name (relative to regressions/) -> why it still fails


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(REGRESSIONS)) for p in FILES])
def test_replay(path: Path, request: pytest.FixtureRequest) -> None:
    name = str(path.relative_to(REGRESSIONS))
    if name in OPEN:
        request.applymarker(pytest.mark.xfail(strict=True, reason=OPEN[name]))
    replay(json.loads(path.read_text(encoding="utf-8")))


def test_there_are_regressions() -> None:
    assert FILES, "regressions/ is empty: the replay would prove nothing"
