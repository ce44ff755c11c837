"""The server's jars: Neo4j Community and the Browser, fetched from Maven Central by Maven.

Nothing is built. The bundled pom.xml only lists the dependencies; ``mvn
dependency:copy-dependencies`` copies them into ``neo4j_home()/lib``. A marker file there records
the digest of the pom it was made from, so a changed pom means a fresh fetch.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import time
from pathlib import Path

from graphkit.errors import Neo4jServerError
from graphkit.neo4j_server.process import live_pid, locked
from graphkit.neo4j_server.settings import POM, lib_dir, neo4j_home, neo4j_version
from graphkit.neo4j_server.tools import find_mvn

FETCH_TIMEOUT = 1800.0
MARKER = ".graphkit-jars"


def _pom_digest() -> str:
    return hashlib.sha256(POM.read_bytes()).hexdigest()


def jars_ready() -> bool:
    """True when home/lib holds the complete set of jars for the current pom.xml."""
    marker = lib_dir() / MARKER
    try:
        return bool(json.loads(marker.read_text()).get("pom_sha256") == _pom_digest())
    except (OSError, ValueError, AttributeError):
        return False


def ensure_jars(*, timeout: float = FETCH_TIMEOUT, force: bool = False) -> Path:
    """Fetch the server's jars into ``neo4j_home()/lib`` with Maven, once; return that folder.

    Runs ``mvn -B -q dependency:copy-dependencies`` on a copy of the bundled pom.xml into lib.tmp,
    then swaps it in whole, so an interrupted fetch never leaves a half folder behind. Maven
    keeps its own cache in ~/.m2, so a second fetch copies without downloading.

    Args:
        timeout: seconds Maven may take.
        force: fetch again even when the jars are there.

    Raises:
        Neo4jServerError: Maven is missing, fails or times out, or the server of this home is
            running (its jars cannot be swapped under it).
    """
    lib = lib_dir()
    if jars_ready() and not force:
        return lib
    home = neo4j_home()
    with locked(home):
        if jars_ready() and not force:
            return lib
        if live_pid(home) is not None:
            raise Neo4jServerError(
                f"the Neo4j jars in {lib} are out of date but the server is running: stop it first"
            )
        mvn = find_mvn()
        build = home / "build"
        build.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(POM, build / "pom.xml")
        tmp = home / "lib.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        log = build / "fetch.log"
        t0 = time.monotonic()
        returncode = _run_maven(mvn, build, tmp, log, timeout)
        jars = sorted(tmp.glob("*.jar")) if tmp.is_dir() else []
        if returncode != 0 or not jars:
            shutil.rmtree(tmp, ignore_errors=True)
            raise Neo4jServerError(
                f"fetching the Neo4j jars with Maven failed (exit {returncode}): "
                f"{_first_error(log)} (see {log})"
            )
        if not any(j.name.startswith("neo4j-server-") for j in jars):
            raise Neo4jServerError(f"Maven fetched {len(jars)} jars but no neo4j-server jar (see {log})")
        (tmp / MARKER).write_text(
            json.dumps(
                {
                    "pom_sha256": _pom_digest(),
                    "neo4j_version": neo4j_version(),
                    "jars": len(jars),
                    "seconds": round(time.monotonic() - t0, 1),
                },
                indent=1,
            )
        )
        old = home / "lib.old"
        shutil.rmtree(old, ignore_errors=True)
        if lib.exists():
            lib.rename(old)
        tmp.rename(lib)
        shutil.rmtree(old, ignore_errors=True)
        return lib


def _run_maven(mvn: str, build: Path, out_dir: Path, log: Path, timeout: float) -> int:
    """Run Maven's copy-dependencies on build/pom.xml into out_dir, its output into log."""
    cmd = [
        mvn,
        "-B",
        "-q",
        "-f",
        str(build / "pom.xml"),
        "dependency:copy-dependencies",
        "-DincludeScope=runtime",
        f"-DoutputDirectory={out_dir}",
    ]
    try:
        with log.open("wb") as out:
            proc = subprocess.run(
                cmd,
                cwd=build,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=timeout,
                check=False,
            )
    except subprocess.TimeoutExpired:
        shutil.rmtree(out_dir, ignore_errors=True)
        raise Neo4jServerError(
            f"fetching the Neo4j jars with Maven timed out after {timeout:.0f} s (see {log}); "
            "run it again, Maven resumes from its cache"
        ) from None
    except OSError as e:
        raise Neo4jServerError(f"cannot run {mvn}: {e}") from None
    return proc.returncode


def _first_error(log: Path) -> str:
    """The first telling [ERROR] line of Maven's output, else its last line."""
    try:
        lines = log.read_text(errors="replace").splitlines()
    except OSError:
        return "no output"
    errors = [ln.removeprefix("[ERROR]").strip() for ln in lines if ln.startswith("[ERROR]")]
    errors = [e for e in errors if e and not e.startswith(("->", "Re-run", "To see", "For more"))]
    text = errors[0] if errors else (lines[-1].strip() if lines else "no output")
    return text[:300]
