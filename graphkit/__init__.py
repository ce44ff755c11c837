"""graphkit: rectification notices (巡视/巡察整改进展情况的通报) → a knowledge graph.

``graphkit.open(db=…)`` opens a store for questions from Python (``graphkit.api``); it is
imported on first use, so ``import graphkit`` stays light (no store, driver or pandas).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graphkit.api import Graph, open

__version__ = "0.1.0"
__all__ = ["Graph", "__version__", "open"]


def __getattr__(name: str) -> Any:
    """``graphkit.open`` and ``graphkit.Graph``, from ``graphkit.api`` when first asked for."""
    if name in ("open", "Graph"):
        from graphkit import api

        return getattr(api, name)
    raise AttributeError(f"module 'graphkit' has no attribute {name!r}")
