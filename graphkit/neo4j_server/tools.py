"""The two programs the local Neo4j needs: a Java 17+ to run it, Maven to fetch its jars.

Neither is installed from here: ``scripts/test.sh`` installs them with apt-get on a fresh
machine; a person is told which package to install or which variable to set.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from graphkit.errors import Neo4jServerError
from graphkit.neo4j_server.settings import neo4j_version

# The Java versions Neo4j 5.26 supports; a newer one is taken only when neither is there.
SUPPORTED_JAVA = (17, 21)


def find_java() -> str:
    """The java to run Neo4j with.

    GRAPHKIT_JAVA when set (any Java 17+). Otherwise the first Java 17 or 21 among
    $JAVA_HOME/bin/java, java on PATH and /usr/lib/jvm/*/bin/java; failing that, the first of them
    that is newer than 17.

    Raises:
        Neo4jServerError: no suitable java, with the package to install or the variable to set.
    """
    explicit = os.environ.get("GRAPHKIT_JAVA")
    if explicit:
        java = shutil.which(explicit)
        if not java:
            raise Neo4jServerError(f"GRAPHKIT_JAVA={explicit!r} is not an executable java")
        major = java_major(java)
        if major < 17:
            raise Neo4jServerError(f"Neo4j {neo4j_version()} needs Java 17 or 21, but {java} is Java {major}")
        return java
    cands: list[str] = []
    if os.environ.get("JAVA_HOME"):
        cands.append(str(Path(os.environ["JAVA_HOME"]) / "bin" / "java"))
    cands.append("java")
    cands += [str(p) for p in sorted(Path("/usr/lib/jvm").glob("*/bin/java"))]
    found: list[tuple[str, int]] = []
    seen: set[str] = set()
    for cand in cands:
        java = shutil.which(cand)
        if not java or os.path.realpath(java) in seen:
            continue
        seen.add(os.path.realpath(java))
        try:
            major = java_major(java)
        except Neo4jServerError:
            continue
        if major in SUPPORTED_JAVA:
            return java
        found.append((java, major))
    newer = [j for j, m in found if m > 17]
    if newer:
        return newer[0]
    if found:
        java, major = found[0]
        raise Neo4jServerError(f"Neo4j {neo4j_version()} needs Java 17 or 21, but {java} is Java {major}")
    raise Neo4jServerError(
        "Java 17 or 21 is needed to run Neo4j and none was found "
        "(install openjdk-17-jre-headless, or set GRAPHKIT_JAVA or JAVA_HOME)"
    )


def java_major(java: str) -> int:
    """The major version of a java executable, from ``java -version`` (``1.8`` counts as 8).

    Raises:
        Neo4jServerError: it cannot be run or its answer names no version.
    """
    try:
        out = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=60, check=False
        ).stderr
    except (OSError, subprocess.TimeoutExpired) as e:
        raise Neo4jServerError(f"cannot run {java} -version: {e}") from None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not m:
        raise Neo4jServerError(f"cannot tell the Java version of {java}: {out.strip()[:200]!r}")
    major = int(m.group(1))
    return int(m.group(2) or 0) if major == 1 else major


def find_mvn() -> str:
    """GRAPHKIT_MVN, else mvn on PATH.

    Raises:
        Neo4jServerError: neither is an executable.
    """
    mvn = shutil.which(os.environ.get("GRAPHKIT_MVN") or "mvn")
    if not mvn:
        raise Neo4jServerError(
            "Maven (mvn) is needed to fetch the Neo4j jars from Maven Central and none was found "
            "(install maven, or set GRAPHKIT_MVN)"
        )
    return mvn
