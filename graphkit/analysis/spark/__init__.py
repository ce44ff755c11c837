"""Recycled-measure detection on Apache Spark (PySpark): the same families as in-process.

``spark_detector(master)`` is a detection engine (``store_families.Detector``) for
``graphkit recycled --rebuild --engine spark [--master local[2]|spark://…]``: it answers as
``recycled.detect`` does — same family ids, members, texts — with the pairwise work spread
over Spark executors, which run the project's own stage functions (``stages``).

Stages (S = a shuffle):

1. normalise: items → ``(i, norm)`` in ``mapInArrow`` (``normalize``); identical texts grouped
   (S1, by text) into distinct rows keyed by their first item's index, which orders rows as
   the in-process row numbers; the driver collects them (texts and item groups, O(items)).
2. MinHash: ``(key, norm)`` → 128 signature values (``hash_shingles``, ``minhash_signatures``)
   and the text's chain hash (``lsh.text_hashes``), kept (~0.5 KB a text).
3. LSH: 64 band keys a text (``band_keys``), grouped by band key (S2); buckets of ≥ 2 texts
   exploded and joined with the low 16 bits of their signatures (S3, S4: both sides by key),
   regrouped by bucket (S5); each bucket yields all its pairs (≤ ``max_bucket`` texts) or a
   chain in ``lsh.chain_order`` (text hash, then row), kept when their signatures agree on
   ``min_agree`` positions
   (``agreement``); pairs made distinct (S6).
4. verify: pairs joined with both texts (S7, S8), scored by ``align_pairs``; pairs at
   ``strong`` or more kept with their texts.
5. families: connected components of the strong edges by large-star / small-star rounds
   (``components``; a few shuffles a round, about 2·log₂ of the largest component rounds);
   edges grouped by component (S), and each batch of whole components clustered by
   ``families.cluster`` in an executor; clusters collected.
6. output: on the driver, rows expanded to items as in-process (``recycled._families``).

Memory per executor: the largest of a bucket's members (≤ the texts sharing a stock phrase,
a few MB), a component's edges with their texts (the largest component: a few thousand
texts), and a 10 000-row Arrow batch; everything else streams through Spark's shuffle, which
spills to disk. The driver holds the items, the distinct texts and the strong pairs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from graphkit.analysis.spark.session import DEFAULT_MASTER, SparkUnavailable, check_pyspark

if TYPE_CHECKING:
    from graphkit.analysis.spark.engine import SparkDetector

__all__ = ["DEFAULT_MASTER", "SparkDetector", "SparkUnavailable", "check_pyspark", "spark_detector"]


def spark_detector(master: str | None = None, conf: Mapping[str, str] | None = None) -> SparkDetector:
    """A detection engine on Spark (``master``: ``local[2]`` when None).

    Raises:
        SparkUnavailable: PySpark is not installed.
    """
    check_pyspark()
    from graphkit.analysis.spark.engine import SparkDetector

    return SparkDetector(master, conf)


def __getattr__(name: str) -> object:
    """``SparkDetector``, imported when asked for: the executors import this package for the
    stage functions and need none of the driver's side (``recycled``, pydantic records)."""
    if name == "SparkDetector":
        from graphkit.analysis.spark.engine import SparkDetector

        return SparkDetector
    raise AttributeError(name)
