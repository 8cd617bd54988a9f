"""The shared ``--engine duckdb|spark`` and ``--spark-master URL`` options of the compute commands.

``query``, ``indicators show|compute``, ``bulletin``, ``check`` and ``serve`` take them; the
engine computes the same figures either way (tests/spark holds the parity suite).

Example:
    $ tradestats query --store demo-store --period 2025 --engine spark
    $ tradestats query --store /shared/store --period 2025 --engine spark \\
        --spark-master sc://spark-connect.example.org:15002
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from tradestats.errors import UsageError

if TYPE_CHECKING:
    from tradestats.engine import Engine


class EngineName(StrEnum):
    DUCKDB = "duckdb"
    SPARK = "spark"


ENGINE_OPTION = typer.Option(
    EngineName.DUCKDB, "--engine", help="Compute engine: duckdb (embedded) or spark."
)
SPARK_MASTER_OPTION = typer.Option(
    None,
    "--spark-master",
    envvar="TRADESTATS_SPARK_MASTER",
    help="Spark master (default local[2]): local[N], spark://host:7077, yarn, or sc://host:port "
    "(Spark Connect). Needs --engine spark.",
)


CLASSIFICATIONS_OPTION = typer.Option(
    None,
    "--classifications",
    envvar="TRADESTATS_CLASSIFICATIONS",
    help="Directory of user classification files overriding the packaged ones.",
)


def backend_name(engine: EngineName | str, spark_master: str | None = None) -> str:
    """Check the pair of options and set the Spark master; the backend name for Engine().

    >>> backend_name("duckdb")
    'duckdb'
    """
    name = EngineName(engine)
    if name is EngineName.SPARK:
        from tradestats.backends import spark

        spark.configure(spark_master)
    elif spark_master and spark_master != _env_master():
        raise UsageError("--spark-master needs --engine spark")
    return name.value


def _env_master() -> str | None:
    import os

    return os.environ.get("TRADESTATS_SPARK_MASTER")


def make_engine(
    store: Path,
    engine: EngineName | str = EngineName.DUCKDB,
    spark_master: str | None = None,
    classifications: Path | None = None,
) -> Engine:
    """An Engine over the store directory ``store`` on the chosen backend, with the user's
    classifications overlaid when a directory is given.

    >>> make_engine(Path("demo-store"), "spark", "local[2]")  # doctest: +SKIP
    """
    from tradestats.engine import Engine

    if not store.is_dir():
        raise UsageError(f"no store at {store}", hint="make one with `tradestats demo`")
    reference = None
    if classifications is not None:
        from tradestats.reference import load_reference

        reference = load_reference(classifications)
    return Engine(store, reference=reference, backend=backend_name(engine, spark_master))
