"""Fixtures for the Spark parity suite: one synthetic store, one DuckDB and one Spark engine.

The store is built the way users build one: canonical records (``sparkgen``: real partner and
HS codes, skewed, with some empty optional fields) go through ``tradestats.ingest.ingest_files``,
which validates and commits them. Both engines read the
same live Parquet files with the real reference data. One SparkSession (``local[2]``, 2g
driver, 4 shuffle partitions, no UI) serves the whole test session and is stopped at the end.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tradestats.engine import Engine

SEED, RECORDS = 5, 30_000


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "spark: runs on Apache Spark (local[2]); needs Java")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.spark)


@pytest.fixture(scope="session")
def java() -> None:
    """Spark needs a JVM; skip (with the reason) when there is none, unless CI demands it."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        if os.environ.get("TRADESTATS_REQUIRE_SPARK") == "1":
            pytest.fail("TRADESTATS_REQUIRE_SPARK=1 but no Java is installed")
        pytest.skip("Spark needs Java 17 (make system-deps installs it)")


@pytest.fixture(scope="session")
def synth_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sparkgen import generate, write_months

    from tradestats.ingest import ingest_files

    root = tmp_path_factory.mktemp("spark-parity")
    files = write_months(generate(RECORDS, seed=SEED), root / "in")
    ingest_files(root / "store", files)
    return root / "store"


@pytest.fixture(scope="session")
def spark_session(java: None) -> Iterator[object]:
    from tradestats.backends import spark

    spark.configure("local[2]")
    yield spark.session()
    spark.stop()


@pytest.fixture(scope="session")
def duck(synth_store: Path) -> Engine:
    return Engine(synth_store, backend="duckdb")


@pytest.fixture(scope="session")
def sparky(synth_store: Path, spark_session: object, duck: Engine) -> Engine:
    # Share the reference and library: both engines resolve names identically.
    return Engine(duck.store, reference=duck.reference, backend="spark", library=duck.library)
