"""The bulletin under a store's disclosure policy: a confidential table cell prints as ``c``
with the footnote, the rest of the bulletin as without a policy."""

from __future__ import annotations

from pathlib import Path

from bulletin_fixture import build_store

from tradestats.bulletin import render_bulletin
from tradestats.disclosure import Policy, save_policy
from tradestats.engine import Engine


def test_confidential_cells_print_c_with_a_footnote(tmp_path: Path) -> None:
    store = build_store(tmp_path)
    plain = render_bulletin(Engine(store), "2025", lang="en", fmt="md")
    save_policy(store, Policy(threshold=1000), note="every cell confidential")
    strict = render_bulletin(Engine(store), "2025", lang="en", fmt="md")
    text = str(strict.content)
    assert "| Exports | c | c | c |" in text
    assert "c: confidential" in text
    assert "c: confidential" not in str(plain.content)
    zh = str(render_bulletin(Engine(store), "2025", lang="zh", fmt="md").content)
    assert "c：涉及统计保密" in zh
