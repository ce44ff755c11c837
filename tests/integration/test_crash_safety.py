"""Issue 14 #6 #7 #20: a load or family detection killed (SIGKILL, as `kill -9`) at any point and
run again ends with the graph, the template answers and the families of a clean run, on both
stores; a read while a load runs, or after one died, says so; pool workers die with their parent.

The kill points are named by GRAPHKIT_TEST_CRASH_AT (graphkit.ingest.crash_point): after the
first batch of a load that writes one notice a batch (`batch-written`), once every notice is
stored and before detection (`loaded`), when a rebuild has begun (`rebuilding`), and once the
families are written but before the store's record says so (`families-written`).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from graphkit import service
from graphkit.config import Settings
from graphkit.paths import samples_dir

POINTS = ("batch-written", "loaded", "rebuilding", "families-written")
STORES = ("embedded", pytest.param("neo4j", marks=pytest.mark.neo4j))

# A load of the samples, one notice a transaction (the CLI writes 500 a transaction), through the
# service function `graphkit ingest` uses.
LOAD_ONE_A_BATCH = """
import sys
from graphkit import service
from graphkit.config import Settings
from graphkit.service.parsing import ParseRun

settings = Settings().override(db=sys.argv[1])
with service.open_store(settings) as store:
    records = (i.record for i in ParseRun([sys.argv[2]]) if i.record is not None)
    service.load_records(store, records, notices_per_batch=1)
"""


def gk(*args: str, env: dict[str, str], crash: str | None = None) -> subprocess.CompletedProcess[str]:
    extra = {"GRAPHKIT_TEST_CRASH_AT": crash} if crash else {}
    return subprocess.run(
        [sys.executable, "-m", "graphkit.cli.app", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env, **extra},
        timeout=600,
    )


def store_env(kind: str, db: Path, request: pytest.FixtureRequest) -> dict[str, str]:
    """The environment that points the CLI at the store under test."""
    if kind == "embedded":
        return {"GRAPHKIT_STORE": "embedded", "GRAPHKIT_DB": str(db)}
    neo = request.getfixturevalue("neo4j_settings")
    return {
        "GRAPHKIT_STORE": "neo4j",
        "GRAPHKIT_NEO4J_URI": neo["uri"],
        "GRAPHKIT_NEO4J_USER": neo["user"],
        "GRAPHKIT_NEO4J_PASSWORD": neo["password"],
    }


def empty(kind: str, env: dict[str, str]) -> None:
    """Start from an empty store (Neo4j's database is shared by the runs of a test)."""
    if kind == "neo4j":
        with service.open_store(_settings(env)) as store:
            store.clear()


def _settings(env: dict[str, str]) -> Settings:
    return Settings(
        store=env["GRAPHKIT_STORE"],
        db=Path(env.get("GRAPHKIT_DB", ".")),
        neo4j_uri=env.get("GRAPHKIT_NEO4J_URI", ""),
        neo4j_user=env.get("GRAPHKIT_NEO4J_USER", ""),
        neo4j_password=env.get("GRAPHKIT_NEO4J_PASSWORD", ""),
    )


def answers(env: dict[str, str]) -> dict[str, Any]:
    """What a reader sees: counts, template answers (each unit's profile, originality, families
    by spread) and every stored family of every kind."""
    with service.open_store(_settings(env), read_only=True) as store:
        st = service.stats(store)
        units = [r["u.name"] for r in service.run_cypher(store, "MATCH (u:Unit) RETURN u.name").records()]
        out: dict[str, Any] = {"nodes": st.nodes, "edges": st.edges, "warning": st.warning}
        out["profile"] = {
            u: service.run_template(store, "units/profile", {"unit": u}).json_records() for u in sorted(units)
        }
        out["originality"] = service.run_template(store, "units/originality").json_records()
        out["by_spread"] = sorted(
            json.dumps(r, sort_keys=True, ensure_ascii=False)
            for r in service.run_template(
                store, "recycled/families_by_spread", {"limit": 1000}
            ).json_records()
        )
        out["families"] = {
            kind: sorted(json.dumps(f.as_dict(), sort_keys=True, ensure_ascii=False) for f in fams)
            for kind in ("measure", "headline", "document", "sentence")
            for fams in [service.read_families(store, kind=kind)]
        }
    return out


_CLEAN: dict[str, dict[str, Any]] = {}


def clean_answers(kind: str, env: dict[str, str]) -> dict[str, Any]:
    """The answers after one uninterrupted ingest of the samples (once per store kind)."""
    if kind not in _CLEAN:
        empty(kind, env)
        res = gk("ingest", str(samples_dir()), env=env)
        assert res.returncode == 0, res.stderr
        _CLEAN[kind] = answers(env)
        assert sum(_CLEAN[kind]["nodes"].values()) and _CLEAN[kind]["families"]["measure"]
        assert _CLEAN[kind]["warning"] is None
        empty(kind, env)
    return _CLEAN[kind]


@pytest.mark.parametrize("kind", STORES)
@pytest.mark.parametrize("point", POINTS)
def test_a_killed_ingest_run_again_ends_as_a_clean_run(
    kind: str, point: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    env = store_env(kind, tmp_path / "crashed", request)
    clean = clean_answers(kind, store_env(kind, tmp_path / "clean", request))
    empty(kind, env)
    if point == "batch-written":
        killed = subprocess.run(
            [sys.executable, "-c", LOAD_ONE_A_BATCH, env.get("GRAPHKIT_DB", ""), str(samples_dir())],
            capture_output=True,
            text=True,
            env={**os.environ, **env, "GRAPHKIT_TEST_CRASH_AT": point},
            timeout=600,
        )
    else:
        killed = gk("ingest", str(samples_dir()), env=env, crash=point)
    assert killed.returncode == -signal.SIGKILL, killed.stderr

    # a read now says the load or rebuild died, and how to mend it, on stderr and in JSON
    read = gk("stats", "--format", "json", env=env)
    assert read.returncode == 0, read.stderr
    mend = "graphkit recycled --rebuild" if point in ("rebuilding", "families-written") else "graphkit ingest"
    assert "stopped before it ended" in read.stderr and mend in read.stderr
    assert mend in json.loads(read.stdout)["warning"]
    assert len(read.stderr.strip().splitlines()) == 1

    again = gk("ingest", str(samples_dir()), env=env)
    assert again.returncode == 0, again.stderr
    assert "recycled-measure families:" in again.stdout  # detection ran, even with 0 written
    assert answers(env) == clean
    assert "warning" not in gk("stats", "--format", "json", env=env).stderr


@pytest.mark.parametrize("kind", STORES)
def test_a_killed_rebuild_is_mended_by_recycled_rebuild(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    env = store_env(kind, tmp_path / "db", request)
    clean = clean_answers(kind, store_env(kind, tmp_path / "clean", request))
    empty(kind, env)
    killed = gk("ingest", str(samples_dir()), env=env, crash="loaded")
    assert killed.returncode == -signal.SIGKILL
    listed = gk("recycled", "--format", "json", env=env)
    assert "graphkit ingest" in listed.stderr
    assert gk("recycled", "--rebuild", env=env).returncode == 0
    assert answers(env) == clean


@pytest.mark.parametrize("kind", STORES)
def test_a_read_during_a_load_says_one_is_under_way(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """The record a running load writes (this process plays the loader, alive) makes every read
    warn: stats (stderr and JSON), templates, Cypher, recycled, export."""
    from graphkit.stores import state

    env = store_env(kind, tmp_path / "db", request)
    empty(kind, env)
    assert gk("ingest", str(samples_dir()), env=env).returncode == 0
    with service.open_store(_settings(env)) as store:
        state.write_state(store, state.begun("loading", families_current=False))
    reads = [
        ("stats", "--format", "json"),
        ("query", "run", "units/originality", "--format", "json"),
        ("cypher", "MATCH (n:Notice) RETURN count(n) AS n"),
        ("recycled", "--format", "json"),
        ("export", "--format", "nt", "-o", str(tmp_path / "graph.nt")),
    ]
    for args in reads:
        res = gk(*args, env=env)
        assert res.returncode == 0, (args, res.stderr)
        assert "load into this store is under way" in res.stderr, args
        assert "Traceback" not in res.stderr
    stats = json.loads(gk("stats", "--format", "json", env=env).stdout)
    assert "under way" in stats["warning"]
    # a second load while this one runs is refused, in one line: it would detect families from
    # half the notices; `recycled --rebuild` likewise
    for args in [("ingest", str(samples_dir())), ("recycled", "--rebuild")]:
        res = gk(*args, env=env)
        assert res.returncode == 2, (args, res.stderr)
        (line,) = res.stderr.strip().splitlines()
        assert f"is under way (pid {os.getpid()}" in line, line
    with service.open_store(_settings(env)) as store:  # the loader (this process) dies
        state.write_state(store, replace(state.begun("loading", families_current=False), pid=_dead_pid()))
    assert gk("ingest", str(samples_dir()), env=env).returncode == 0  # the next load ends it
    assert "warning" not in json.loads(gk("stats", "--format", "json", env=env).stdout)


def _dead_pid() -> int:
    """The pid of a process that has ended."""
    proc = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    return int(proc.stdout)


def test_a_state_read_across_a_first_commit_is_not_taken_for_an_old_store(tmp_path: Path) -> None:
    """A reader that finds no record, then notices (another load committed its first batch, the
    record with it, between the two reads) reads the record again: not 'an earlier graphkit'."""
    from graphkit.ingest import load_records
    from graphkit.service.parsing import ParseRun
    from graphkit.stores import state
    from graphkit.stores.embedded_store import EmbeddedStore

    class Racing(EmbeddedStore):
        raced = False

        def run_internal(self, name: str, params: dict[str, Any] | None = None) -> Any:
            if name == "notice_count" and not self.raced:
                self.raced = True  # the other load commits now
                records = [i.record for i in ParseRun([str(samples_dir())]) if i.record is not None]
                mark = state.state_statement(state.begun("loading", families_current=False))
                load_records(self, records, first_write=[mark])
            return super().run_internal(name, params)

    store = Racing(tmp_path / "db")
    try:
        seen = state.read_state(store)
        assert store.raced and seen.recorded and seen.store_format == state.current_format()
        state.check_format(store, seen)
    finally:
        store.close()


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry.name))
    return out


def _alive(pid: int) -> bool:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return fields[0] != "Z"  # a zombie has exited (and waits for a reaper)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_parse_workers_die_with_a_killed_ingest(tmp_path: Path) -> None:
    """#20: `kill -9` of `ingest -j 2` left its workers alive (waiting on a pipe for ever)."""
    src = tmp_path / "notices"
    src.mkdir()
    text = (samples_dir() / "sample-xishan-district-2023.txt").read_text(encoding="utf-8")
    for k in range(400):
        (src / f"n{k:03d}.txt").write_text(text.replace("18次", f"{k + 18}次"), encoding="utf-8")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "graphkit.cli.app",
            "--db",
            str(tmp_path / "db"),
            "ingest",
            "-j",
            "2",
            str(src),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
            workers = _children(proc.pid)
        assert len(workers) >= 2, "the ingest started no workers"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 10
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = [w for w in workers if _alive(w)]
    finally:
        if proc.poll() is None:
            proc.kill()
    for w in left:  # clean up what the failure left behind before reporting it
        os.kill(w, signal.SIGKILL)
    assert not left, f"workers {left} outlived their killed parent"
