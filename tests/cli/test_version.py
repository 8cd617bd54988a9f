"""`tradestats --version` prints the installed version and exits 0."""

from __future__ import annotations

from importlib.metadata import version

from typer.testing import CliRunner

from tradestats.cli import app


def test_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"tradestats {version('tradestats')}"
