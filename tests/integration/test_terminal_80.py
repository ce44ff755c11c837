"""Every template's answer drawn for an 80-column terminal, on the bundled samples and on the
shared corpus: no line wider than 80 cells, no header split across lines, no number split, no
store internals (`_ID`, `_LABEL`, `{"offset": …}`), and the row count in English.

The check reads the drawing back: in a table, each column's header cells must hold the whole
header once and each number cell the whole number; in the one-block-per-row view each column's
line must start with the whole header and hold the whole number.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from rich.console import Console

from graphkit import service
from graphkit.cli import tables
from graphkit.paths import samples_dir
from graphkit.stores.embedded_store import EmbeddedStore
from tests.conftest import shared_path

WIDTH = 80
INTERNALS = re.compile(r"_ID|_LABEL|_SRC|_DST|\"offset\"|'offset'|\"table\":")


def draw(columns: Sequence[str], rows: Sequence[Sequence[Any]], width: int = WIDTH) -> list[str]:
    buf = io.StringIO()
    console = Console(file=buf, width=width, color_system=None, highlight=False)
    tables.render(console, columns, rows, title="a title | 标题")
    return buf.getvalue().splitlines()


def _table_columns(lines: list[str], sep: str) -> list[list[str]]:
    """The stripped cells of each line that has `sep` between cells."""
    return [[c.strip() for c in line.split(sep)[1:-1]] for line in lines]


def check_drawing(columns: Sequence[str], rows: Sequence[Sequence[Any]], lines: list[str]) -> None:
    """The drawing of `rows` keeps every header and number whole and fits WIDTH."""
    assert all(cell_len(line) <= WIDTH for line in lines), [ln for ln in lines if cell_len(ln) > WIDTH]
    text = "\n".join(lines)
    assert not INTERNALS.search(text), INTERNALS.search(text)
    assert tables.rows_word(len(rows)) in text
    numbers = {
        c: [tables.cell_text(r[c]) for r in rows if tables.is_number(r[c])] for c in range(len(columns))
    }
    top = next((i for i, line in enumerate(lines) if line.startswith("┏")), None)
    if top is not None:  # a table
        mid = next(i for i, line in enumerate(lines) if line.startswith("┡"))
        end = next(i for i, line in enumerate(lines) if line.startswith("└"))
        head = _table_columns(lines[top + 1 : mid], "┃")
        body = _table_columns(lines[mid + 1 : end], "│")
        for c, name in enumerate(columns):
            assert [h[c] for h in head if h[c]] == [name], (name, [h[c] for h in head])
            if numbers[c]:
                shown = [b[c] for b in body if b[c]]
                assert shown == numbers[c], (name, shown, numbers[c])
    else:  # one block per row: a column's line starts with its header
        blocks = [i for i, line in enumerate(lines) if line.startswith("── ")]
        assert len(blocks) == len(rows)
        for k, start in enumerate(blocks):
            block = lines[start + 1 : start + 1 + len(columns) * 40]
            for c, name in enumerate(columns):
                line = next(ln for ln in block if re.match(rf"{re.escape(name)}(\s|$)", ln))
                if tables.is_number(rows[k][c]):
                    assert line.split()[-1] == tables.cell_text(rows[k][c]), (name, line)


def _params(store: EmbeddedStore, t: Any) -> dict[str, Any]:
    """Values for a template's required parameters, taken from what the store holds."""
    unit = store.query("MATCH (u:Unit) RETURN u.name ORDER BY u.name LIMIT 1").rows[0][0]
    values = {"unit": unit, "issue": "问题", "text": "制度", "today": "2030-01-01"}
    return {p.name: values[p.name] for p in t.params if p.required}


def every_template(store: EmbeddedStore) -> Iterator[tuple[str, list[str], list[list[Any]]]]:
    for name, t in service.templates().items():
        res = service.run_template(store, name, _params(store, t))
        yield name, res.columns, res.rows


@pytest.fixture(scope="module")
def samples_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    with EmbeddedStore(tmp_path_factory.mktemp("samples") / "db") as store:
        service.ingest(store, [str(samples_dir())], families="always")
        yield store


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    folder: Path = shared_path("corpus/notices")
    with EmbeddedStore(tmp_path_factory.mktemp("corpus") / "db") as store:
        service.ingest(store, [str(folder)], families="always")
        yield store


def test_every_template_fits_80_columns_on_the_samples(samples_store: EmbeddedStore) -> None:
    seen = 0
    for name, columns, rows in every_template(samples_store):
        check_drawing(columns, rows, draw(columns, rows))
        seen += bool(rows)
        print(name, len(columns), "columns", tables.rows_word(len(rows)))
    assert seen >= 15  # the samples answer most templates: the check looked at real tables


def test_every_template_fits_80_columns_on_the_shared_corpus(corpus_store: EmbeddedStore) -> None:
    seen = 0
    for _name, columns, rows in every_template(corpus_store):
        check_drawing(columns, rows, draw(columns, rows))
        seen += bool(rows)
    assert seen >= 15


def test_the_checker_sees_a_split_header_and_a_split_number() -> None:
    """The old drawing (rich folding every column) fails the check: the test can fail."""
    from rich.table import Table

    columns, rows = ["in_progress_share", "unit"], [[0.3226, "东河县委"]]
    buf = io.StringIO()
    table = Table(caption="1 row")
    table.add_column(columns[0], overflow="fold", max_width=2)
    table.add_column(columns[1], overflow="fold")
    table.add_row("0.3226", "东河县委")
    Console(file=buf, width=WIDTH, color_system=None).print(table)
    with pytest.raises(AssertionError):
        check_drawing(columns, rows, buf.getvalue().splitlines())


def test_a_wide_answer_becomes_blocks_and_a_narrow_one_a_table() -> None:
    wide = [f"column_number_{k}" for k in range(8)]
    lines = draw(wide, [[k * 1000.5 for k in range(8)]])
    assert any("do not fit in 80" in line for line in lines)
    check_drawing(wide, [[k * 1000.5 for k in range(8)]], lines)
    lines = draw(["unit", "n"], [["东河县委", 1], ["西山区委", 22]])
    assert lines[0].strip() == "a title | 标题" and any(line.startswith("┏") for line in lines)
    assert lines[-1].strip() == "2 rows"
    assert draw(["n"], [[1]])[-1].strip() == "1 row"
