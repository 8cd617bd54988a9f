"""`--help` shows no type label beside flags (they take no value), and keeps value labels."""

from __future__ import annotations

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from tradestats.cli import app

COMMANDS = sorted(get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["", *COMMANDS])
def test_no_bool_label_in_help(name: str) -> None:
    args = [name, "--help"] if name else ["--help"]
    result = CliRunner().invoke(app, args, terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "<bool>" not in result.output


def test_value_options_keep_their_label() -> None:
    result = CliRunner().invoke(app, ["query", "--help"], terminal_width=200)
    command = get_command(app).commands["query"]  # type: ignore[attr-defined]
    top = next(p for p in command.params if p.name == "top")
    assert not top.is_flag
    line = next(ln for ln in result.output.splitlines() if "--top" in ln)
    assert top.metavar and top.metavar in line
