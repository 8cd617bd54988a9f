"""Spark Connect: tradestats as a thin client of a Connect server gives DuckDB's answers exactly.

A real Spark Connect server (the one in PySpark's jars, started with spark-submit, local[2]) runs
beside the test; the client runs in its own process (a process holds one Spark session, and this
one's is the classic local[2] of the parity suite), once through the CLI and once through the
Python API, and its answers are compared with the DuckDB engine's in this process.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pytest
from sparkparity import diff

from tradestats.engine import Engine

SERVER = "org.apache.spark.sql.connect.service.SparkConnectServer"
QUERY = dict(
    period="2025", flow="export", by="partner_group", measures="value_cny,yoy_pct,share_pct"
)
CLIENT = """
import json, sys
import pyarrow as pa
from tradestats import Engine
from tradestats.backends import spark
spark.configure(sys.argv[2])
eng = Engine(sys.argv[1], backend="spark")
from pyspark.sql.connect.session import SparkSession as ConnectSession
assert isinstance(spark.session(), ConnectSession), type(spark.session())  # not a local JVM
table = eng.query(**json.loads(sys.argv[3]))
sink = pa.BufferOutputStream()
with pa.ipc.new_stream(sink, table.schema) as out:
    out.write_table(table)
sys.stdout.buffer.write(sink.getvalue().to_pybytes())
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(port: int, server: subprocess.Popen[bytes], log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the Spark Connect server exited:\n{log.read_text()[-3000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"the Spark Connect server did not listen within {seconds:.0f} s")


@pytest.fixture(scope="module")
def connect_url(java: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Spark Connect server on a free local port, for this module."""
    import pyspark

    submit = Path(pyspark.__file__).parent / "bin" / "spark-submit"
    port, log = _free_port(), tmp_path_factory.mktemp("connect") / "server.log"
    conf = {
        "spark.connect.grpc.binding.port": str(port),
        "spark.driver.memory": "1g",
        "spark.sql.shuffle.partitions": "4",
        "spark.ui.enabled": "false",
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.ansi.enabled": "true",
    }
    cmd = [str(submit), "--master", "local[2]", "--class", SERVER]
    for key, value in conf.items():
        cmd += ["--conf", f"{key}={value}"]
    with log.open("wb") as out:
        server = subprocess.Popen([*cmd, "spark-internal"], stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_for(port, server, log, seconds=180)
        yield f"sc://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=60)


def _client_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("TRADESTATS_SPARK_MASTER", None)
    return env


def test_python_api_over_spark_connect(connect_url: str, synth_store: Path, duck: Engine) -> None:
    got = subprocess.run(
        [sys.executable, "-c", CLIENT, str(synth_store), connect_url, json.dumps(QUERY)],
        capture_output=True, timeout=600, env=_client_env(), check=False,
    )  # fmt: skip
    assert got.returncode == 0, got.stderr.decode()[-3000:]
    table = pa.ipc.open_stream(got.stdout).read_all()
    want = duck.query(**QUERY)
    assert want.num_rows > 3
    assert not diff(want, table)


def test_cli_over_spark_connect(connect_url: str, synth_store: Path) -> None:
    args = ["query", "--store", str(synth_store), "--period", "2025", "--flow", "import",
            "--by", "enterprise_type", "--measure", "value_cny,yoy_pct",
            "--format", "json"]  # fmt: skip
    cli = [str(Path(sys.executable).parent / "tradestats")]  # the console script
    duck = subprocess.run([*cli, *args], capture_output=True, text=True, check=False)
    remote = subprocess.run(
        [*cli, *args, "--engine", "spark", "--spark-master", connect_url],
        capture_output=True, text=True, timeout=600, env=_client_env(), check=False,
    )  # fmt: skip
    assert duck.returncode == 0 and remote.returncode == 0, remote.stderr[-3000:]
    rows = json.loads(duck.stdout)
    assert rows and json.loads(remote.stdout) == rows
