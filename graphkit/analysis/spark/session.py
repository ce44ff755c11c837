"""The SparkSession a detection runs in: quiet, offline in local mode, stopped afterwards.

Local mode (``local[N]``) needs nothing but what ``pip install 'graphkit[spark]'`` brought
(PySpark's own jars) and a Java 17 (``java`` on the PATH or ``JAVA_HOME``): no package is
fetched at run time. The executors' Python is this interpreter, so they import the same
graphkit. On a cluster (``spark://…``, ``yarn``) graphkit and its dependencies must be
installed on every worker, and ``PYSPARK_PYTHON`` name that Python.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from graphkit.errors import GraphkitError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

__all__ = ["DEFAULT_MASTER", "SparkUnavailable", "check_pyspark", "spark_session"]

DEFAULT_MASTER = "local[2]"

# Only errors from Spark's own logging: the startup notes (native Hadoop, log level) would
# otherwise fill the terminal of every `graphkit recycled --rebuild --engine spark`.
_LOG4J = """\
rootLogger.level = error
rootLogger.appenderRef.stdout.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = spark %p %c{1}: %m%n
logger.repl.name = org.apache.spark.repl.Main
logger.repl.level = error
logger.gateway.name = org.apache.spark.api.python.PythonGatewayServer
logger.gateway.level = error
"""


class SparkUnavailable(GraphkitError):
    """The Spark engine cannot run: PySpark is not installed, or no Java to run it. Exit code 2."""

    exit_code = 2


def check_pyspark() -> None:
    """Raise ``SparkUnavailable`` (one line naming the fix) when PySpark cannot be imported."""
    try:
        import pyarrow  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise SparkUnavailable(
            f"the spark engine needs PySpark ({exc.name} is missing): pip install 'pyspark>=3.5,<4' "
            "(graphkit's spark extra)"
        ) from None


def _local_defaults(master: str, folder: Path) -> dict[str, str]:
    """Settings that keep a local-mode Spark on this machine and quiet."""
    log4j = folder / "log4j2.properties"
    log4j.write_text(_LOG4J, encoding="utf-8")
    return {
        "spark.driver.host": "127.0.0.1",
        "spark.driver.bindAddress": "127.0.0.1",
        # in local mode the executors live in the driver's JVM: this is their memory too
        "spark.driver.memory": "3g",
        "spark.driver.extraJavaOptions": f"-Dlog4j2.configurationFile={log4j.as_uri()}",
        "spark.pyspark.python": sys.executable,
        "spark.pyspark.driver.python": sys.executable,
        "spark.sql.shuffle.partitions": "8",
    }


@contextlib.contextmanager
def spark_session(master: str | None = None, conf: Mapping[str, str] | None = None) -> Iterator[SparkSession]:
    """A SparkSession on ``master`` (``local[2]`` when None), stopped when the block ends.

    An active session of the caller's (a notebook's) is used as it is and left running.

    Args:
        master: ``local[N]``, ``spark://host:7077``, ``yarn`` …
        conf: Spark settings, over the defaults (``spark.driver.memory``,
            ``spark.executor.memory``, ``spark.sql.shuffle.partitions`` …).

    Raises:
        SparkUnavailable: PySpark is missing, or Spark could not start (no Java).
    """
    check_pyspark()
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        yield active
        return
    master = master or DEFAULT_MASTER
    with tempfile.TemporaryDirectory(prefix="graphkit-spark-") as tmp:
        settings: dict[str, str] = {
            "spark.app.name": "graphkit-recycled",
            "spark.ui.enabled": "false",
            "spark.ui.showConsoleProgress": "false",
            "spark.sql.execution.arrow.pyspark.enabled": "true",
            "spark.sql.execution.arrow.pyspark.fallback.enabled": "false",
            "spark.sql.adaptive.enabled": "true",
        }
        if master.startswith("local"):
            settings.update(_local_defaults(master, Path(tmp)))
            # the JVM is started by spark-submit, which reads these from the environment
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        settings.update(conf or {})
        builder = SparkSession.builder.master(master)
        for key, value in settings.items():
            builder = builder.config(key, value)
        try:
            spark = builder.getOrCreate()
        except Exception as exc:  # Py4J reports a JVM that would not start as a bare Exception
            raise SparkUnavailable(f"Spark did not start on {master}: {str(exc).splitlines()[0]}") from None
        spark.sparkContext.setLogLevel("ERROR")
        try:
            yield spark
        finally:
            spark.stop()
