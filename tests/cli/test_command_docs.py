"""Every command says what it does and shows an example; an undocumented command fails here."""

from __future__ import annotations

from pathlib import Path

import typer

from tradestats.cli import app

ROOT = Path(__file__).resolve().parents[2]


def _commands(group: typer.Typer, prefix: str = "") -> dict[str, str]:
    out = {}
    for info in group.registered_commands:
        name = info.name or (info.callback.__name__.replace("_", "-") if info.callback else "")
        out[f"{prefix}{name}"] = (info.callback.__doc__ or "") if info.callback else ""
    for sub in group.registered_groups:
        if sub.typer_instance is not None:
            out.update(_commands(sub.typer_instance, f"{prefix}{sub.name} "))
    return out


def test_every_command_has_a_docstring_with_an_example() -> None:
    commands = _commands(app)
    assert {"ingest", "log", "demo"} <= set(commands)
    undocumented = [n for n, doc in commands.items() if "Example" not in doc]
    assert undocumented == []


def test_every_command_is_named_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    top_level = {name.split()[0] for name in _commands(app)}
    missing = [n for n in sorted(top_level) if f"tradestats {n}" not in readme]
    assert missing == []


def test_the_example_file_ingests_cleanly(tmp_path: Path) -> None:
    from tradestats.ingest import ingest_files

    report = ingest_files(tmp_path / "s", [ROOT / "examples" / "sample.csv"])
    assert (report.rows_read, report.rows_accepted, report.rows_quarantined) == (96, 96, 0)
    assert report.periods[0] == "2024-01" and report.periods[-1] == "2025-12"
