"""`graphkit export --format panel`: the graph as tidy tables (CSV and Parquet) with a data
dictionary, from either store.

The store is read here through the store interface only: the statements
``queries/_internal/panel_*.cypher``, each run once over the whole graph (no per-notice round
trips: a million measures are one statement). ``graphkit.present.panel`` computes the columns
and writes the files; both stores give the same files.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graphkit.present.panel import (
    FILE_NAMES,
    Panel,
    PanelFolder,
    PanelRows,
    build_panel,
    check_panel_folder,
    write_files,
)
from graphkit.stores.base import Store

__all__ = ["PanelResult", "check_panel_output", "read_panel", "write_panel"]


@dataclass
class PanelResult:
    """A written panel.

    Attributes:
        folder: the panel's folder.
        rows: rows per table (notices, measures, families, reuse_edges).
        files: the files written (in `folder`).
        bytes: their total size.
        seconds: time to read the store, compute the tables and write the files.
    """

    folder: Path
    rows: dict[str, int] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    bytes: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def read_panel(store: Store) -> Panel:
    """The panel's tables, computed from an open store (read only)."""
    return build_panel(_read_rows(store))


def _read_rows(store: Store) -> PanelRows:
    return PanelRows(
        notices=store.run_internal("panel_notices").records(),
        issues=store.run_internal("panel_issues").records(),
        measures=store.run_internal("panel_measures").records(),
        members=store.run_internal("panel_members").records(),
        similar=store.run_internal("panel_similar").records(),
        families=store.run_internal("panel_families").records(),
        reuse_edges=store.run_internal("panel_reuse_edges").records(),
    )


def check_panel_output(out: Path, protected: Iterable[Path] = ()) -> Path:
    """Refuse (OutputError) a panel folder that cannot or may not be written, before any store
    is opened: a file, a missing parent, the store's own folder, a folder that is not a panel."""
    return check_panel_folder(out, protected, FILE_NAMES)


def write_panel(store: Store, out: Path, protected: Iterable[Path] = ()) -> PanelResult:
    """Write the panel of an open store into the folder `out`, whole or not at all.

    Args:
        store: an open store (read-only will do).
        out: the panel's folder: made, or replaced when it holds a panel written before; the
            files are written beside it first and it is replaced only once they all are.
        protected: folders it may not be in (the graph store's).

    Raises:
        OutputError: `out` is a file, its parent is missing, it is in `protected`, or it is a
            folder holding anything but a panel.
        QueryError: the store could not answer.
    """
    folder = PanelFolder(out, protected, FILE_NAMES)
    with folder:
        t0 = time.perf_counter()
        raw = _read_rows(store)
        t1 = time.perf_counter()
        panel = build_panel(raw)
        del raw
        t2 = time.perf_counter()
        files = write_files(panel, folder.tmp)
        size = sum(p.stat().st_size for p in files)
    t3 = time.perf_counter()
    return PanelResult(
        out,
        {name: panel.rows(name) for name in panel.tables},
        [out / p.name for p in files],
        size,
        {"read": t1 - t0, "build": t2 - t1, "write": t3 - t2},
    )
