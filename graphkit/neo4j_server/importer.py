"""Neo4j's offline importer, ``neo4j-admin database import full``, run on the home's jars.

It writes a database's store files straight from CSV files, without transactions, and so only
into a database that the stopped server does not hold open: the server of the home must be
stopped (``Neo4jServerError`` otherwise), and the database named is replaced whole
(``--overwrite-destination``). What to import, and refusing a database that holds data, is the
caller's (``graphkit.service.neo4j_import``).

The importer's own output (progress, its summary) goes to ``logs/import.log`` of the home; the
entries it skipped (a relationship whose end is missing) to ``logs/import.report``.
"""

from __future__ import annotations

import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from graphkit.errors import Neo4jServerError
from graphkit.neo4j_server import process
from graphkit.neo4j_server.conf import ADMIN_CLASS, prepare_home, run_java
from graphkit.neo4j_server.jars import ensure_jars
from graphkit.neo4j_server.settings import bolt_port, heap_size, http_port, neo4j_home, pagecache_size
from graphkit.neo4j_server.tools import find_java

IMPORT_TIMEOUT = 3600.0
ARRAY_DELIMITER = "\x1f"
"""Between the items of an array property in a CSV field (the ASCII unit separator: no text
graphkit reads keeps control characters)."""


@dataclass(frozen=True)
class ImportInput:
    """The CSV files of one import: for each node label and each relationship type, its header
    file first, then its data files (the header names the id space, ``id:ID(Unit)``, and the
    typed properties, ``depth:long``)."""

    nodes: list[tuple[str, list[Path]]]
    relationships: list[tuple[str, list[Path]]]


@dataclass(frozen=True)
class ImportReport:
    """What the importer said it did.

    Attributes:
        nodes: nodes imported.
        relationships: relationships imported.
        skipped: entries it left out (relationships whose end node is missing), as its report
            file lists them.
        seconds: how long the admin tool ran.
        log: its output.
    """

    nodes: int
    relationships: int
    skipped: int
    seconds: float
    log: Path


def import_full(
    data: ImportInput,
    *,
    database: str = "neo4j",
    array_delimiter: str = ARRAY_DELIMITER,
    max_off_heap: str = "2G",
    timeout: float = IMPORT_TIMEOUT,
) -> ImportReport:
    """Replace ``database`` of the home's server with the graph of the CSV files in ``data``.

    Relationships whose end node is not among the nodes are skipped (as a transactional
    ``MATCH … MATCH … CREATE`` skips them) and counted in the report.

    Raises:
        Neo4jServerError: the server of the home is running, Java or the jars are missing, or
            the importer failed (its telling line, and where its log is).
    """
    home = neo4j_home()
    home.mkdir(parents=True, exist_ok=True)
    with process.locked(home):
        pid = process.live_pid(home)
        if pid is not None:
            raise Neo4jServerError(
                f"the Neo4j of {home} is running (pid {pid}): the offline importer needs it stopped"
            )
        java = find_java()
        ensure_jars()
        # the admin tool reads the data folder from the home's neo4j.conf
        prepare_home(home, bolt_port(), http_port(), heap_size(), pagecache_size())
        log = home / "logs" / "import.log"
        report = home / "logs" / "import.report"
        report.unlink(missing_ok=True)
        args = [
            "database",
            "import",
            "full",
            database,  # before the file lists: they take every argument up to the next option
            "--overwrite-destination=true",
            "--multiline-fields=true",
            f"--array-delimiter={array_delimiter}",
            "--skip-bad-relationships=true",
            "--bad-tolerance=1000000000",
            f"--max-off-heap-memory={max_off_heap}",
            f"--report-file={report}",
        ]
        args += [f"--nodes={label}={','.join(map(str, files))}" for label, files in data.nodes]
        args += [f"--relationships={t}={','.join(map(str, files))}" for t, files in data.relationships]
        t0 = time.monotonic()
        with log.open("wb") as out:
            try:
                proc = run_java(java, home, ADMIN_CLASS, args, jvm=[f"-Xmx{heap_size()}"], out=out)
            except OSError as e:
                raise Neo4jServerError(f"cannot run the Neo4j importer: cannot run {java}: {e}") from None
            try:
                code = proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                raise Neo4jServerError(
                    f"the Neo4j importer took over {timeout:.0f} s and was stopped (see {log})"
                ) from None
        seconds = time.monotonic() - t0
        text = log.read_text(errors="replace")
        if code != 0:
            raise Neo4jServerError(f"the Neo4j importer failed (exit {code}): {_telling(text)} (see {log})")
        skipped = len(report.read_text(errors="replace").splitlines()) if report.exists() else 0
        return ImportReport(_count(text, "nodes"), _count(text, "relationships"), skipped, seconds, log)


def _count(text: str, what: str) -> int:
    """A count from the importer's closing summary (``Imported: … 12 nodes``)."""
    m = re.search(rf"^\s*(\d+) {what}\s*$", text.rsplit("Imported:", 1)[-1], re.M)
    return int(m.group(1)) if m else 0


def _telling(text: str) -> str:
    """The line of the importer's output that says what went wrong."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("at ")]
    for marker in ("Exception", "Error", "error", "Invalid", "doesn't"):
        hits = [ln for ln in lines if marker in ln]
        if hits:
            return hits[0][:300]
    return (lines[-1] if lines else "no output")[:300]


__all__ = ["ARRAY_DELIMITER", "ImportInput", "ImportReport", "import_full", "neo4j_home"]
