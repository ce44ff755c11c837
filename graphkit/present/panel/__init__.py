"""The panel: the graph as tidy tables for R, Stata and pandas (`graphkit export --format panel`).

Three rooms: `columns` (the tables and every column's type and meaning), `build` (the store's
rows → the tables' columns: counts, shares, flags), `write` (CSV, Parquet and the data
dictionary) and `folder` (the output folder, written whole or not at all). The store is read by
``graphkit.service.panel``.
"""

from __future__ import annotations

from graphkit.present.panel.build import Panel, PanelRows, build_panel
from graphkit.present.panel.columns import TABLES, Column, Table
from graphkit.present.panel.folder import PanelFolder, check_panel_folder
from graphkit.present.panel.write import FILE_NAMES, write_files

__all__ = [
    "FILE_NAMES",
    "TABLES",
    "Column",
    "Panel",
    "PanelFolder",
    "PanelRows",
    "Table",
    "build_panel",
    "check_panel_folder",
    "write_files",
]
