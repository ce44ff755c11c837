"""``SparkDetector``: ``recycled.detect`` with its pairwise work on Spark (stages: the package doc)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from graphkit.analysis.items import MeasureItem
from graphkit.analysis.laps import Laps
from graphkit.analysis.recycled import Detection, DetectParams, _families
from graphkit.analysis.spark import stages
from graphkit.analysis.spark.components import component_labels
from graphkit.analysis.spark.session import DEFAULT_MASTER, check_pyspark, spark_session

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["SparkDetector"]

Cluster = tuple[list[int], int]


def _collect(df: DataFrame) -> Any:
    """``df`` on the driver as a pandas DataFrame (through Arrow)."""
    return df.toPandas()


class SparkDetector:
    """A detection engine (``store_families.Detector``) that runs on Spark and answers exactly
    as ``recycled.detect``: the same families (ids, members, texts), counts and texts.

    Args:
        master: the Spark master (``local[2]`` when None; ``spark://host:7077`` …).
        conf: Spark settings over the defaults (``session.spark_session``).
    """

    def __init__(self, master: str | None = None, conf: Mapping[str, str] | None = None) -> None:
        check_pyspark()
        self.master = master or DEFAULT_MASTER
        self.conf = dict(conf or {})

    def __call__(
        self,
        items: Sequence[MeasureItem],
        *,
        kind: str = "measure",
        names: Mapping[str, Sequence[str]] | None = None,
        params: DetectParams | None = None,
    ) -> Detection:
        """Families of near-identical texts among ``items``, as ``recycled.detect``."""
        p = params or DetectParams()
        lap = Laps()
        if not items:  # nothing to start a session for
            return Detection([], 0, 0, 0, lap.timings, [])
        with spark_session(self.master, self.conf) as spark:
            lap("spark start")
            run = _Run(spark, p, lap)
            try:
                return run.detect(items, kind, names or {})
            finally:
                run.release()


class _Run:
    """One detection on one session: the DataFrames it keeps, released at the end."""

    def __init__(self, spark: SparkSession, p: DetectParams, lap: Laps) -> None:
        self.spark = spark
        self.p = p
        self.lap = lap
        self.kept: list[DataFrame] = []

    def keep(self, df: DataFrame) -> DataFrame:
        """``df`` computed once and kept (memory, then disk) for the stages that read it."""
        df = df.persist()
        self.kept.append(df)
        return df

    def release(self) -> None:
        """Drop what ``keep`` holds (a caller's session goes on)."""
        for df in self.kept:
            df.unpersist()

    def detect(
        self, items: Sequence[MeasureItem], kind: str, names: Mapping[str, Sequence[str]]
    ) -> Detection:
        """The pipeline of ``recycled.detect``: distinct texts, candidates, strong pairs, clusters
        on Spark; rows expanded to families here."""
        lap = self.lap
        keys, texts, groups, distinct = self.distinct_texts(items, names)
        lap("normalize")
        n_candidates = 0
        strong: tuple[np.ndarray, np.ndarray] = (np.zeros((0, 2), dtype=np.int64), np.zeros(0))
        found: list[Cluster] = []
        if len(texts) >= 2:
            candidates = self.candidates(distinct)
            n_candidates = candidates.count()
            lap("lsh")
            strong_df = self.keep(self.verify(candidates, distinct))
            strong = self.strong_pairs(strong_df, keys)
            lap("verify")
            if len(strong[0]):
                found = self.clusters(strong_df, keys)
            lap("families")
        in_family = {r for members, _ in found for r in members}
        found += [([r], r) for r, g in enumerate(groups) if len(g) >= 2 and r not in in_family]
        families = _families(items, groups, found, strong[0], strong[1], kind)
        lap("output")
        return Detection(families, len(items), len(texts), n_candidates, lap.timings, texts)

    def distinct_texts(
        self, items: Sequence[MeasureItem], names: Mapping[str, Sequence[str]]
    ) -> tuple[np.ndarray, list[str], list[list[int]], DataFrame]:
        """Normalised texts, identical ones collapsed: the keys (index of the first item) in
        order, the texts and their items in that order (``recycled._distinct_texts``), and a
        kept ``(key, norm)`` DataFrame."""
        import pandas as pd
        from pyspark.sql import functions as F

        sc = self.spark.sparkContext
        frame = pd.DataFrame(
            {
                "i": np.arange(len(items), dtype=np.int64),
                "text": [it.text for it in items],
                "unit": [it.unit for it in items],
            }
        )
        rows = self.spark.createDataFrame(frame, "i long, text string, unit string")
        used = {it.unit for it in items}
        names_of = sc.broadcast({u: list(v) for u, v in names.items() if u in used})
        norm = rows.mapInArrow(stages.normalize_rows(names_of, self.p.min_chars), stages.NORMALIZED)
        distinct = self.keep(
            norm.groupBy("norm").agg(
                F.min("i").alias("key"), F.sort_array(F.collect_list("i")).alias("items")
            )
        )
        got = _collect(distinct)
        order = np.argsort(np.asarray(got["key"], dtype=np.int64), kind="stable")
        keys = np.asarray(got["key"], dtype=np.int64)[order]
        texts = [str(got["norm"].iat[k]) for k in order.tolist()]
        groups = [np.asarray(got["items"].iat[k], dtype=np.int64).tolist() for k in order.tolist()]
        return keys, texts, groups, distinct.select("key", "norm")

    def candidates(self, distinct: DataFrame) -> DataFrame:
        """Kept ``(a, b)`` key pairs, ``a < b``: texts sharing a band key, all pairs of a small
        bucket or a chain through a big one, whose signatures agree on ``min_agree`` positions
        (``lsh.candidate_pairs``)."""
        from pyspark.sql import functions as F

        p = self.p
        sigs = self.keep(
            distinct.mapInArrow(stages.signature_rows(p.n, p.num_perm, p.seed), stages.SIGNATURES)
        )
        sigs.count()
        self.lap("minhash")
        bands = sigs.mapInArrow(stages.band_rows(p.num_perm, p.bands, p.rows), stages.BAND_ROWS)
        low = sigs.mapInArrow(stages.low_rows(p.num_perm), stages.LOW_BITS)
        # buckets of two texts or more (most band keys are held by one text and go here)
        shared = (
            bands.groupBy("band", "bkey")
            .agg(F.collect_list("key").alias("keys"))
            .where(F.size("keys") >= 2)
            .select("band", "bkey", F.explode("keys").alias("key"))
        )
        buckets = (
            shared.join(low, "key")
            .groupBy("band", "bkey")
            .agg(F.collect_list(F.struct("key", "low", "h")).alias("members"))
        )
        pairs = buckets.mapInArrow(
            stages.bucket_pairs(p.num_perm, p.max_bucket, p.min_agree), stages.CANDIDATES
        )
        return self.keep(pairs.distinct())

    def verify(self, candidates: DataFrame, distinct: DataFrame) -> DataFrame:
        """The candidate pairs that ``verify.align_pairs`` scores at ``strong`` or more, with
        their texts: ``(a, b, score, ta, tb)``."""
        from pyspark.sql import functions as F

        ta = distinct.select(F.col("key").alias("a"), F.col("norm").alias("ta"))
        tb = distinct.select(F.col("key").alias("b"), F.col("norm").alias("tb"))
        joined = candidates.join(ta, "a").join(tb, "b").select("a", "b", "ta", "tb")
        return joined.mapInArrow(stages.verify_pairs(self.p.containment, self.p.strong), stages.STRONG)

    @staticmethod
    def strong_pairs(strong: DataFrame, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The strong pairs as row pairs, sorted as ``candidate_pairs`` gives them, and scores."""
        got = _collect(strong.select("a", "b", "score"))
        pairs = np.stack(
            [
                np.searchsorted(keys, np.asarray(got["a"], dtype=np.int64)),
                np.searchsorted(keys, np.asarray(got["b"], dtype=np.int64)),
            ],
            axis=1,
        ).reshape(-1, 2)
        scores = np.asarray(got["score"], dtype=np.float64)
        order = np.lexsort((pairs[:, 1], pairs[:, 0]))
        return pairs[order], scores[order]

    def clusters(self, strong: DataFrame, keys: np.ndarray) -> list[Cluster]:
        """Families as ``(rows, medoid row)``, ordered as ``families.cluster`` orders them:
        components of the strong edges on Spark, each clustered in an executor."""
        from pyspark.sql import functions as F

        labels = component_labels(strong)
        self.lap("components")
        comps = (
            strong.join(labels, strong["a"] == labels["node"], "left")
            .select(F.coalesce("comp", "a").alias("comp"), F.struct("a", "b", "score", "ta", "tb").alias("e"))
            .groupBy("comp")
            .agg(F.collect_list("e").alias("edges"))
            .select("edges")
        )
        got = _collect(comps.mapInArrow(stages.cluster_components(self.p), stages.CLUSTERS))
        out: list[Cluster] = [
            (np.searchsorted(keys, np.asarray(m, dtype=np.int64)).tolist(), int(np.searchsorted(keys, med)))
            for m, med in zip(got["members"], got["medoid"], strict=True)
        ]
        out.sort(key=lambda f: (-len(f[0]), f[0][0]))
        return out
