"""The slow tier's list (tests/conftest.py) names tests that exist, so a renamed test cannot
silently move into the quick tier's time budget unnoticed, and a stale entry is removed."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
# loaded by path: several folders have a conftest.py, so `import conftest` may find another one
_spec = importlib.util.spec_from_file_location("tests_root_conftest", TESTS / "conftest.py")
assert _spec is not None and _spec.loader is not None
_root = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_root)
SLOW_PATHS, SLOW_TESTS = _root.SLOW_PATHS, _root.SLOW_TESTS


def test_every_slow_test_exists() -> None:
    missing = []
    for entry in sorted(SLOW_TESTS):
        file, _, name = entry.partition("::")
        path = TESTS / file
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        if not re.search(rf"^\s*def {re.escape(name)}\(", text, re.MULTILINE):
            missing.append(entry)
    assert missing == []


def test_every_slow_path_exists() -> None:
    assert [p for p in SLOW_PATHS if not (TESTS / p).exists()] == []
