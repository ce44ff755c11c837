"""The CLI end to end: ingest the bundled samples, bad records, an unreachable Neo4j, a killed load."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graphkit.paths import samples_dir

DATA = Path(__file__).resolve().parents[1] / "data"


def gk(*args: str, env: dict[str, str] | None = None, **kw) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    return subprocess.run(
        [sys.executable, "-m", "graphkit.cli.app", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=600,
        **kw,
    )


def stats(db: Path, *extra: str) -> dict:  # type: ignore[type-arg]
    res = gk("--db", str(db), *extra, "stats", "--format", "json")
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


def test_ingest_samples_twice_is_stable(tmp_path: Path) -> None:
    db = tmp_path / "db"
    first = gk("--db", str(db), "ingest", str(samples_dir()))
    assert first.returncode == 0, first.stderr
    assert "3 notices" in first.stdout
    counts = stats(db)
    assert counts["nodes"]["Notice"] == 3
    assert counts["nodes"]["Unit"] == 2  # 东河县委 twice (2023 and 回头看 2024), 西山区委 once
    again = gk("--db", str(db), "ingest", str(samples_dir()))
    assert again.returncode == 0 and "3 unchanged" in again.stdout
    assert stats(db) == counts


@pytest.mark.neo4j
def test_neo4j_gives_the_same_counts(tmp_path: Path, neo4j_store, neo4j_settings) -> None:  # type: ignore[no-untyped-def]
    env = {
        "GRAPHKIT_NEO4J_URI": neo4j_settings["uri"],
        "GRAPHKIT_NEO4J_USER": neo4j_settings["user"],
        "GRAPHKIT_NEO4J_PASSWORD": neo4j_settings["password"],
    }
    db = tmp_path / "db"
    assert gk("--db", str(db), "ingest", str(samples_dir())).returncode == 0
    res = gk("--store", "neo4j", "ingest", str(samples_dir()), env=env)
    assert res.returncode == 0, res.stderr
    n = gk("--store", "neo4j", "stats", "--format", "json", env=env)
    assert n.returncode == 0, n.stderr
    neo, emb = json.loads(n.stdout), stats(db)
    assert (neo["nodes"], neo["edges"]) == (emb["nodes"], emb["edges"])


def test_bad_records_are_reported_and_skipped(tmp_path: Path) -> None:
    db = tmp_path / "db"
    bad = DATA / "records" / "bad.jsonl"
    res = gk("--db", str(db), "load", str(bad))
    assert res.returncode == 1
    err = res.stderr
    assert f"{bad}:2" in err and "not JSON" in err
    assert f"{bad}:3" in err and "published" in err
    assert f"{bad}:4" in err and "unit" in err
    assert "Traceback" not in err
    assert stats(db)["nodes"]["Notice"] == 1  # the one good record


def test_unreachable_neo4j_is_one_line_exit_2(tmp_path: Path) -> None:
    res = gk(
        "--store",
        "neo4j",
        "--neo4j-uri",
        "bolt://127.0.0.1:1",
        "load",
        str(DATA / "records" / "two-notices.jsonl"),
    )
    assert res.returncode == 2
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "bolt://127.0.0.1:1" in lines[0]


def _synthetic_records(path: Path, n: int) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from load import synth_records  # type: ignore[import-not-found]

    with open(path, "w", encoding="utf-8") as fh:
        for r in synth_records(n):
            fh.write(json.dumps(r.model_dump(mode="json"), ensure_ascii=False) + "\n")


def test_killed_load_reruns_to_the_complete_graph(tmp_path: Path) -> None:
    recs = tmp_path / "recs.jsonl"
    _synthetic_records(recs, 400)
    clean = tmp_path / "clean"
    assert gk("--db", str(clean), "load", str(recs)).returncode == 0
    expected = stats(clean)

    db = tmp_path / "killed"
    proc = subprocess.Popen(
        [sys.executable, "-m", "graphkit.cli.app", "--db", str(db), "load", str(recs)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 120
    # kill once the store holds part of the data
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if (db / "graph.lbdb").exists() and any(db.iterdir()) and time.time() > deadline - 117:
            break
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    rerun = gk("--db", str(db), "load", str(recs))
    assert rerun.returncode == 0, rerun.stderr
    assert stats(db) == expected
