"""The panel's files: ``{table}.csv`` and ``{table}.parquet`` for each table, and README.md,
the data dictionary, made from ``columns.TABLES``.

Both are written by Arrow from one typed table, so they hold the same values (a test reads them
back). CSV: UTF-8, a header line, ``\\n`` line ends, strings quoted; an empty field is null (no
string value is empty: the panel writes null for it); booleans ``true`` / ``false``; floats in
their shortest form that reads back to the same value. Parquet: one column per column, typed
string, int64, float64 or bool, every column nullable.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graphkit.present.panel.build import Panel
from graphkit.present.panel.columns import TABLES, ColumnType, Table
from graphkit.present.panel.folder import MARKER

__all__ = [
    "FILE_NAMES",
    "arrow_table",
    "arrow_type",
    "write_csv",
    "write_files",
    "write_parquet",
    "write_readme",
]

FILE_NAMES = frozenset({"README.md", *(f"{t.name}.{ext}" for t in TABLES for ext in ("csv", "parquet"))})


def arrow_type(typ: ColumnType) -> Any:
    """The Arrow type of a panel column type."""
    import pyarrow as pa

    return {"string": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}[typ]


def arrow_table(table: Table, columns: dict[str, list[Any]]) -> Any:
    """The table's columns as one typed Arrow table (the table's column order)."""
    import pyarrow as pa

    schema = pa.schema([pa.field(c.name, arrow_type(c.type), nullable=True) for c in table.columns])
    arrays = [pa.array(columns[c.name], type=arrow_type(c.type)) for c in table.columns]
    return pa.Table.from_arrays(arrays, schema=schema)


def write_csv(data: Any, path: Path) -> None:
    """An Arrow table as CSV (Arrow's writer: strings quoted, nulls empty, shortest floats)."""
    import pyarrow.csv as pcsv

    pcsv.write_csv(data, path, pcsv.WriteOptions(quoting_style="needed"))


def write_parquet(data: Any, path: Path) -> None:
    """An Arrow table as Parquet (snappy)."""
    import pyarrow.parquet as pq

    pq.write_table(data, path)


def write_readme(panel: Panel, path: Path) -> None:
    """The data dictionary: every table's file, what a row is, its order, and every column's
    type and how it is computed."""
    lines = [
        MARKER,
        "# The panel: tidy tables of the graph",
        "",
        "Written by `graphkit export --format panel`. Each table is in two files holding the same",
        "values: `NAME.csv` (UTF-8, header line; an empty field is null, booleans `true`/`false`) and",
        "`NAME.parquet` (typed columns, every column nullable). Types: string, int (int64), float",
        "(float64), bool. Ids join the tables: `notice`, `measure`, `family`, `unit`/`unit_id`.",
        "",
    ]
    for t in TABLES:
        lines += [
            f"## {t.name} ({panel.rows(t.name)} rows)",
            "",
            f"One row per {t.row}, ordered by {t.order}.",
            "",
            "| column | type | how it is computed |",
            "|---|---|---|",
            *(f"| `{c.name}` | {c.type} | {c.doc.replace('|', '/')} |" for c in t.columns),
            "",
        ]
    path.write_text("\n".join(lines), encoding="utf-8")


def write_files(panel: Panel, folder: Path) -> list[Path]:
    """Every file of the panel into `folder`; the paths written."""
    written = []
    for t in TABLES:
        data = arrow_table(t, panel.tables[t.name])
        for ext, write in (("csv", write_csv), ("parquet", write_parquet)):
            path = folder / f"{t.name}.{ext}"
            write(data, path)
            written.append(path)
    write_readme(panel, folder / "README.md")
    written.append(folder / "README.md")
    return written
