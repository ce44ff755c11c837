"""Loaders: parsed notice records → nodes and edges (no database driver imports here)."""

from loaders.graph import GraphBatch
from loaders.notice import record_to_graph, records_to_graph

__all__ = ["GraphBatch", "record_to_graph", "records_to_graph"]
