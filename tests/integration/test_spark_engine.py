"""The Spark engine (graphkit.analysis.spark) answers as the in-process one: the same families
(ids, members, texts, verified pairs) on generated measures and on a real store's rebuild, and
its connected components are scipy's. Runs PySpark in local mode; under CI=true a missing
PySpark fails these tests."""

from __future__ import annotations

import random
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from graphkit import service
from graphkit.analysis.recycled import Detection, DetectParams, detect
from graphkit.paths import samples_dir
from graphkit.pipeline import parse_paths
from graphkit.testing.synth import corpus_clauses, generate_items
from tests.conftest import IN_CI


@pytest.fixture(scope="module")
def spark_engine() -> Any:
    """The Spark detector on local[2] (skipped without PySpark, failed under CI=true)."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        if IN_CI:
            pytest.fail("CI=true but pyspark is missing: pip install -e '.[dev]' installs it")
        pytest.skip("pyspark is not installed (pip install 'graphkit[spark]')")
    from graphkit.analysis.spark import spark_detector

    return spark_detector("local[2]")


def _families(det: Detection) -> list[tuple[str, str, list[str], list[str], list[tuple[str, str, float]]]]:
    return [(f.id, f.text, [m.id for m in f.members], f.units, f.pairs) for f in det.families]


def _assert_same(local: Detection, spark: Detection) -> None:
    assert (spark.n_items, spark.n_distinct, spark.n_candidates) == (
        local.n_items,
        local.n_distinct,
        local.n_candidates,
    )
    assert spark.texts == local.texts
    assert _families(spark) == _families(local)


def test_same_families_as_in_process_on_50k_measures(spark_engine: Any) -> None:
    # unique measures from the real clauses of the bundled samples, as benchmarks do from a corpus
    items, _ = generate_items(50_000, seed=11, clauses=corpus_clauses(samples_dir()))
    local = detect(items)
    spark = spark_engine(items)
    assert len(local.families) > 1000 and max(f.size for f in local.families) >= 10
    _assert_same(local, spark)


def test_same_families_with_the_sentence_tuning(spark_engine: Any) -> None:
    # the phrase banks' uniques are close to each other: many candidates, large components
    items, _ = generate_items(6_000, seed=5)
    params = DetectParams(min_chars=15, containment=False)
    names = {f"u{k}": [f"合成{k:04d}号区委"] for k in range(0, 2000, 3)}
    local = detect(items, kind="sentence", names=names, params=params)
    spark = spark_engine(items, kind="sentence", names=names, params=params)
    assert len(local.families) > 100
    _assert_same(local, spark)


def test_few_texts(spark_engine: Any) -> None:
    items, _ = generate_items(40, seed=2)
    for some in (items[:0], items[:1] + items[:1], items):
        _assert_same(detect(some), spark_engine(some))


@pytest.fixture(scope="module")
def spark_session(spark_engine: Any) -> Iterator[Any]:
    from graphkit.analysis.spark.session import spark_session as session

    with session("local[2]") as spark:
        yield spark


def test_components_are_scipys(spark_session: Any) -> None:
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    from graphkit.analysis.spark.components import component_labels

    rng = random.Random(3)
    n = 3000
    # a long chain (many rounds when its edges are spread over partitions), stars, random pairs
    edges = [(k, k + 1) for k in range(0, 800)]
    edges += [(1000, k) for k in range(1001, 1100)]
    edges += [(rng.randrange(1200, n), rng.randrange(1200, n)) for _ in range(1500)]
    rng.shuffle(edges)
    df = spark_session.createDataFrame(edges, "a long, b long").repartition(7)
    got = {r["node"]: r["comp"] for r in component_labels(df).collect()}
    a, b = np.array(edges).T
    labels = connected_components(coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n)), directed=False)[1]
    nodes = sorted(set(a.tolist()) | set(b.tolist()))
    smallest: dict[int, int] = {}
    for v in nodes:
        smallest.setdefault(int(labels[v]), v)
    assert got == {v: smallest[int(labels[v])] for v in nodes}


def test_store_rebuild_on_spark_writes_the_same_families(spark_engine: Any, embedded_store: Any) -> None:
    records = list(parse_paths([str(samples_dir())]))
    service.load_records(embedded_store, records, families="always")

    def stored() -> dict[tuple[str, str], list[Any]]:
        return {
            (kind, scope): [(f.id, f.text, f.size, sorted(m.id for m in f.measures)) for f in fams]
            for kind in ("measure", "headline", "document", "sentence")
            for scope in service.family_scopes()
            if (fams := service.read_families(embedded_store, kind=kind, scope=scope))
        }

    local = stored()
    report = service.rebuild_families(embedded_store, engine="spark", master="local[2]")
    assert report.families["measure/across-units"] == 6
    assert stored() == local
    assert any(k == "sentence" for k, _ in local)


def _cli(tmp_path: Any, *args: str) -> subprocess.CompletedProcess[str]:
    run = [sys.executable, "-m", "graphkit.cli.app", "--db", str(tmp_path / "db"), "recycled", *args]
    return subprocess.run(run, capture_output=True, text=True)


def test_cli_refuses_an_engine_without_rebuild_and_an_unknown_engine(tmp_path: Any) -> None:
    for args, says in [
        (("--engine", "spark"), "pass --rebuild too"),
        (("--master", "local[2]"), "pass --rebuild too"),
        (("--rebuild", "--engine", "flink"), "unknown engine 'flink'"),
        (("--engine", "flink"), "unknown engine 'flink'"),
        (("--rebuild", "--master", "local[2]"), "pass --engine spark"),
    ]:
        res = _cli(tmp_path, *args)
        assert res.returncode == 2, (args, res.stderr)
        assert says in res.stderr and len(res.stderr.strip().splitlines()) == 1, res.stderr
        assert "Traceback" not in res.stderr
    assert not (tmp_path / "db").exists()  # refused before a store was opened


def test_cli_without_pyspark_says_how_to_install_it(tmp_path: Any) -> None:
    hide = "import sys; sys.modules['pyspark'] = None; from graphkit.cli.app import main; sys.exit(main())"
    db = str(tmp_path / "db")
    args = ["--db", db, "recycled", "--rebuild", "--engine", "spark"]
    res = subprocess.run([sys.executable, "-c", hide, *args], capture_output=True, text=True)
    assert res.returncode == 2, res.stderr
    assert "pip install 'pyspark>=3.5,<4'" in res.stderr and len(res.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "db").exists()
