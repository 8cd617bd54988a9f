"""Apache Spark, the scale-out backend: the engine's Ibis expressions through Ibis' PySpark backend.

Spark reads the store's live Parquet files itself (the driver only lists them and reads their
footers); results come back as Arrow, so money stays exact DECIMAL(38,2). One SparkSession per
process is shared by every SparkBackend; each backend names its ``records`` view after the file
set it covers, so engines in several threads (the web pool) never replace each other's view.

The master is ``local[2]`` unless ``configure(master=...)``, the ``TRADESTATS_SPARK_MASTER``
environment variable or ``SparkBackend(master=...)`` says otherwise: ``local[N]``,
``spark://host:7077``, ``yarn`` (under spark-submit) or a Spark Connect URL ``sc://host:15002``.
Nothing is downloaded: no ``--packages``, no Ivy.

Example:
    >>> b = SparkBackend()                        # doctest: +SKIP
    >>> b.dialect                                 # doctest: +SKIP
    'pyspark'
    >>> Engine("demo-store", backend="spark").query(period="2025")   # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa
import pyarrow.parquet as pq
import sqlglot

from tradestats.backends import Stop
from tradestats.errors import StoreError, UsageError
from tradestats.records import COLUMNS

ENV_MASTER = "TRADESTATS_SPARK_MASTER"
DEFAULT_MASTER = "local[2]"
# Modest defaults for a shared machine; a cluster's spark-submit --conf overrides them.
DEFAULT_CONF: dict[str, str] = {
    "spark.app.name": "tradestats",
    "spark.driver.memory": "2g",
    "spark.sql.shuffle.partitions": "4",
    "spark.ui.enabled": "false",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.ansi.enabled": "true",  # overflow and bad casts fail, as in DuckDB
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    "spark.ui.showConsoleProgress": "false",
}

_SPARK_TYPES = {pa.string(): "STRING", pa.int32(): "INT", pa.int64(): "BIGINT"}
_lock = threading.Lock()
_session: Any = None
_master: str | None = None
_running: str = ""  # the master the running session was started with


def configure(master: str | None = None) -> None:
    """Set the master the shared session will use (before it starts).

    >>> configure("local[2]")
    """
    global _master
    with _lock:
        if _session is not None and master and master != _session_master():
            raise UsageError(
                f"Spark is already running on {_session_master()}; cannot switch to {master}",
                hint="choose the master once per process",
            )
        _master = master


def master() -> str:
    """The master in effect: configure(), then $TRADESTATS_SPARK_MASTER, then ``local[2]``.

    >>> master() in ("local[2]", os.environ.get(ENV_MASTER))
    True
    """
    return _master or os.environ.get(ENV_MASTER) or DEFAULT_MASTER


def master_url(url: str | None) -> str:
    """The master a session for ``url`` runs on (``url`` itself, else the one in effect)."""
    return _running or url or master()


def _session_master() -> str:
    return _running


def session(url: str | None = None) -> Any:
    """The process's SparkSession (started on first use with the modest defaults).

    Under spark-submit a session may already exist: it is reused with its own settings.
    """
    global _session, _running
    with _lock:
        if _session is None:
            _running = url or master()
            _session = _start(_running)
        return _session


def _start(url: str) -> Any:
    from pyspark.sql import SparkSession

    if url.startswith("sc://"):
        try:
            import grpc  # noqa: F401  (Spark Connect's client needs grpcio)
        except ImportError as err:
            raise UsageError(
                f"a Spark Connect URL ({url}) needs the Spark Connect client",
                hint="pip install 'pyspark[connect]' (grpcio, grpcio-status, protobuf)",
            ) from err
        sess = SparkSession.builder.remote(url).getOrCreate()
    else:
        active = SparkSession.getActiveSession()
        if active is not None:  # a notebook or the job script made it: keep its settings
            sess = active
        elif _under_spark_submit():  # spark-submit's --master and --conf apply
            sess = SparkSession.builder.appName("tradestats").getOrCreate()
        else:
            builder = SparkSession.builder.master(url)
            for key, value in DEFAULT_CONF.items():
                builder = builder.config(key, value)
            sess = builder.getOrCreate()
            sess.sparkContext.setLogLevel(os.environ.get("TRADESTATS_SPARK_LOG", "ERROR"))
    return sess


def _under_spark_submit() -> bool:
    """spark-submit started the JVM (and chose the master) unless one was asked for here."""
    return bool(os.environ.get("PYSPARK_GATEWAY_PORT")) and not (
        _master or os.environ.get(ENV_MASTER)
    )


def stop() -> None:
    """Stop the shared session (tests and benchmarks call it at the end)."""
    global _session
    with _lock:
        if _session is not None:
            _session.stop()
            _session = None


def _canonical_select(files: Sequence[Path]) -> list[str] | None:
    """Spark SQL select list casting to canonical types; None when every file is canonical."""
    want = {c.name: c.arrow_type for c in COLUMNS}
    types: dict[str, set[pa.DataType]] = {}
    for f in files:
        for field in pq.read_schema(f):
            types.setdefault(field.name, set()).add(field.type)
    if all(types.get(n) == {t} for n, t in want.items()):
        return None
    return [
        f"CAST({c.name if c.name in types else 'NULL'} AS {spark_type(c.sql_type)}) AS {c.name}"
        for c in COLUMNS
    ]


def spark_type(sql_type: str) -> str:
    """A canonical (DuckDB-spelled) SQL type in Spark SQL, through sqlglot.

    >>> spark_type("VARCHAR"), spark_type("DECIMAL(18,2)")
    ('STRING', 'DECIMAL(18, 2)')
    """
    return sqlglot.exp.DataType.build(sql_type, dialect="duckdb").sql(dialect="spark")


def view_name(files: Sequence[Path]) -> str:
    """``records_<hash>``: one view per distinct file set.

    >>> view_name([Path("a.parquet")]) == view_name([Path("a.parquet")])
    True
    """
    digest = hashlib.sha1("\0".join(str(f) for f in files).encode()).hexdigest()[:12]
    return f"records_{digest}"


class SparkBackend:
    """Runs Ibis expressions on Spark (the shared session); results are Arrow tables."""

    dialect = "pyspark"

    def __init__(self, master: str | None = None) -> None:
        self.session = session(master)
        self.con = ibis.pyspark.connect(self.session)
        self._views: set[str] = set()
        self._cached: dict[str, Any] = {}
        self._group = f"tradestats-{id(self):x}"
        self._classic = not master_url(master).startswith("sc://")
        self.stop = Stop()

    def records(self, files: Sequence[Path]) -> ir.Table:
        """The canonical ``records`` table over ``files`` (a temp view Spark reads lazily)."""
        if not files:
            raise StoreError("no data files to read")
        name = view_name(files)
        if name not in self._views:
            cols = _canonical_select(files)
            if cols is None:
                paths = [str(Path(f).resolve()) for f in files]
                df = self.session.read.parquet(*paths).select(*(c.name for c in COLUMNS))
            else:
                df = self._union_by_name(files).selectExpr(*cols)
            df.createOrReplaceTempView(name)
            self._views.add(name)
        return self.con.table(name)

    def _union_by_name(self, files: Sequence[Path]) -> Any:
        """Files with differing schemas: read each and union by column name (missing -> NULL)."""
        frames = [self.session.read.parquet(str(Path(f).resolve())) for f in files]
        out = frames[0]
        for frame in frames[1:]:
            out = out.unionByName(frame, allowMissingColumns=True)
        return out

    def register(self, name: str, table: pa.Table) -> ir.Table:
        """A small table (a code table) as a temp view ``name`` (a digest of its content)."""
        if name not in self._views:
            ddl = ", ".join(f"{f.name} {_SPARK_TYPES[f.type]}" for f in table.schema)
            rows = [tuple(r.values()) for r in table.to_pylist()]
            self.session.createDataFrame(rows, schema=ddl).createOrReplaceTempView(name)
            self._views.add(name)
        return self.con.table(name)

    def execute(self, expr: ir.Table) -> pa.Table:
        """Run on Spark and collect the (small) result as Arrow, typed as the expression says."""
        return self.run(*self.compile(expr))

    def compile(self, expr: ir.Table) -> tuple[str, pa.Schema]:
        """The Spark SQL of ``expr`` and the Arrow schema of its result."""
        return str(self.con.compile(expr)), expr.schema().to_pyarrow()

    def run(self, sql: str, schema: pa.Schema) -> pa.Table:
        """Run compiled SQL and collect the (small) result as Arrow in ``schema``'s types.

        The jobs run under this backend's job group (or tag, on Spark Connect), so that
        ``interrupt`` cancels them and nothing else of the shared session."""
        self.stop.check()
        if self._classic:
            self.session.sparkContext.setJobGroup(self._group, "tradestats", True)
        else:
            self.session.addTag(self._group)
        try:
            table = self.session.sql(sql).toArrow()
        except Exception:
            self.stop.check()  # a job cancelled on request fails: say why
            raise
        finally:
            if not self._classic:
                self.session.removeTag(self._group)
        return table.rename_columns(schema.names).cast(schema)

    def scratch(self, name: str) -> str:
        """The name of a scratch view for one step of a plan (the session is shared)."""
        return f"tradestats_{name}_{id(self):x}"

    def materialize(self, name: str, sql: str) -> ir.Table:
        """``sql`` as the cached view ``name`` (computed once, read by several steps)."""
        self.stop.check()
        frame = self.session.sql(sql).cache()
        frame.createOrReplaceTempView(name)
        self._cached[name] = frame
        return self.con.table(name)

    def release(self, name: str) -> None:
        frame = self._cached.pop(name, None)
        if frame is not None:
            frame.unpersist()
        self.session.catalog.dropTempView(name)

    def interrupt(self) -> None:
        """Cancel this backend's running Spark jobs and refuse later ones (another thread
        calls this) until ``resume``."""
        self.stop.request()
        if self._classic:
            self.session.sparkContext.cancelJobGroup(self._group)
        else:
            self.session.interruptTag(self._group)

    def resume(self) -> None:
        self.stop.clear()

    def to_sql(self, expr: ir.Table) -> str:
        return str(ibis.to_sql(expr, dialect=self.dialect))
