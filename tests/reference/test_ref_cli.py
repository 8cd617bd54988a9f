"""`tradestats classifications list|show|validate`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradestats.cli import app
from tradestats.cli import classifications_cmd as cmd
from tradestats.errors import UsageError

runner = CliRunner()


def test_list_has_every_kind() -> None:
    result = runner.invoke(app, ["classifications", "list", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "partner,asean," in result.output
    assert "product,new_trio," in result.output
    assert "trade_mode,general_trade," in result.output


def test_show_group_on_date() -> None:
    result = runner.invoke(
        app, ["classifications", "show", "ASEAN", "--on", "2025-10-25", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 10 and "TLS" not in {r["code"] for r in rows}
    after = runner.invoke(
        app, ["classifications", "show", "asean", "--on", "2025-10-27", "-f", "json"]
    )
    assert len(json.loads(after.output)) == 11


def test_show_product_group_edition_from_date() -> None:
    result = runner.invoke(app, ["classifications", "show", "photovoltaic", "-f", "csv"])
    assert result.output.splitlines()[1].startswith("854142,HS2022,")
    old = runner.invoke(
        app, ["classifications", "show", "photovoltaic", "--on", "2021-06-30", "-f", "csv"]
    )
    assert old.exit_code == 0, old.output
    assert "854140" in old.output


def test_show_countries_and_trade_modes() -> None:
    result = runner.invoke(app, ["classifications", "show", "countries", "-f", "csv"])
    assert "\nNAM,NA,516,Namibia," in result.output
    modes = runner.invoke(app, ["classifications", "show", "general_trade", "-f", "csv"])
    assert modes.output.split() == ["trade_mode", "0110"]


def test_show_parquet(tmp_path: Path) -> None:
    out = tmp_path / "g7.parquet"
    result = runner.invoke(app, ["classifications", "show", "g7", "-f", "parquet", "-o", str(out)])
    assert result.exit_code == 0 and out.stat().st_size > 0


def test_unknown_name_suggests_nearest() -> None:
    result = runner.invoke(app, ["classifications", "show", "aesan"])
    assert isinstance(result.exception, UsageError)
    assert "did you mean 'asean'" in str(result.exception)


def test_validate(tmp_path: Path) -> None:
    assert runner.invoke(app, ["classifications", "validate", str(tmp_path)]).exit_code == 0
    (tmp_path / "groups").mkdir()
    (tmp_path / "groups" / "x.yaml").write_text("name: x\nmembers: [\n", encoding="utf-8")
    result = runner.invoke(app, ["classifications", "validate", str(tmp_path)])
    assert result.exit_code == 1
    assert "x.yaml:" in result.output and "YAML syntax error" in result.output
    assert "missing" not in result.output or "problem(s) found" in result.output


@pytest.mark.parametrize("func", [cmd.list_, cmd.show, cmd.validate])
def test_every_command_documented_with_example(func: object) -> None:
    assert "Example:" in (getattr(func, "__doc__", "") or "")
