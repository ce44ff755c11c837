"""Connected components of the strong-edge graph, on Spark DataFrames.

The alternating large-star / small-star rounds of Kiveris et al. ("Connected Components in
MapReduce and Beyond", SoCC 2014), the algorithm GraphFrames' ``connectedComponents`` runs
too. GraphFrames itself is not used: its PyPI package holds only the Python side, and its jar
would be fetched by Spark at every session start (``spark.jars.packages``), which a machine
without Maven access cannot do; these rounds are a few DataFrame joins and aggregates.

The edges of each partition are first made stars in the executor (scipy's connected
components), which leaves far fewer edges to the rounds. Each round keeps every node's component while moving edges towards the smallest node of the
component; it ends when the edges form stars: each node points at one root, which points at
none. The number of rounds grows with the logarithm of the largest component (a chain of
100 000 nodes: about 20), and each round shuffles the edge list a few times.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

__all__ = ["MAX_ROUNDS", "component_labels"]

MAX_ROUNDS = 200


def _large_star(e: DataFrame) -> DataFrame:
    """Edges ``(x, y)``: each node's larger neighbours are linked to the smallest node of its
    neighbourhood (the node itself included)."""
    from pyspark.sql import functions as F

    both = e.select("x", "y").union(e.select(F.col("y").alias("x"), F.col("x").alias("y")))
    m = both.groupBy("x").agg(F.least(F.min("y"), F.col("x")).alias("m"))
    return (
        both.where(F.col("y") > F.col("x"))
        .join(m, "x")
        .select(F.col("y").alias("x"), F.col("m").alias("y"))
        .distinct()
    )


def _small_star(e: DataFrame) -> DataFrame:
    """Edges ``(x, y)``, ``y < x``: each node and its smaller neighbours are linked to the
    smallest of them."""
    from pyspark.sql import functions as F

    m = e.groupBy("x").agg(F.min("y").alias("m"))
    return (
        e.join(m, "x")
        .select(F.col("y").alias("x"), F.col("m").alias("y"))
        .where(F.col("x") != F.col("y"))
        .union(m.select("x", F.col("m").alias("y")))
        .distinct()
    )


def _is_star_forest(e: DataFrame) -> bool:
    """Whether every node has one parent and no parent has a parent (one Spark job)."""
    from pyspark.sql import functions as F

    children = e.groupBy("x").agg(F.countDistinct("y").alias("k"))
    parents = e.select(F.col("y").alias("x")).distinct()
    bad = children.where(F.col("k") > 1).select("x").union(children.join(parents, "x").select("x"))
    return not bad.limit(1).count()


def _local_stars(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """The edges of one partition ``(x, y)`` → each node linked to the smallest node of its
    component among these edges: the same components, as stars (``scipy`` connected
    components), so that the rounds start from far fewer edges."""
    import scipy.sparse as sp
    from scipy.sparse.csgraph import connected_components

    parts = [(b.column("x").to_numpy(), b.column("y").to_numpy()) for b in batches]
    if not parts:
        return
    x = np.concatenate([p[0] for p in parts]).astype(np.int64)
    y = np.concatenate([p[1] for p in parts]).astype(np.int64)
    nodes, local = np.unique(np.concatenate([x, y]), return_inverse=True)
    n = len(nodes)
    if n == 0:
        return
    g = sp.coo_matrix((np.ones(len(x), dtype=np.int8), (local[: len(x)], local[len(x) :])), shape=(n, n))
    labels = connected_components(g, directed=False)[1]
    root = np.full(labels.max() + 1, n, dtype=np.int64)
    np.minimum.at(root, labels, np.arange(n))  # nodes are sorted: the first of a label is its min
    parent = nodes[root[labels]]
    keep = parent != nodes
    yield pa.RecordBatch.from_arrays([pa.array(nodes[keep]), pa.array(parent[keep])], names=["x", "y"])


def component_labels(edges: DataFrame, a: str = "a", b: str = "b") -> DataFrame:
    """``(node, comp)`` for every node of an undirected edge list: ``comp`` is the smallest
    node of its component.

    Args:
        edges: a DataFrame with the two ends of each edge in columns ``a`` and ``b`` (long).

    Raises:
        RuntimeError: the rounds did not settle within ``MAX_ROUNDS`` (they settle in about
            twice the logarithm of the largest component's size).
    """
    from pyspark.sql import functions as F

    e = (
        edges.select(F.col(a).alias("x"), F.col(b).alias("y"))
        .mapInArrow(_local_stars, "x long, y long")
        .localCheckpoint()
    )
    for _ in range(MAX_ROUNDS):
        if _is_star_forest(e):
            roots = e.select(F.col("y").alias("node")).distinct().withColumn("comp", F.col("node"))
            return e.select(F.col("x").alias("node"), F.col("y").alias("comp")).distinct().union(roots)
        e = _small_star(_large_star(e)).localCheckpoint()
    raise RuntimeError(f"connected components did not settle in {MAX_ROUNDS} rounds")
