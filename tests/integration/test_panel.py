"""`graphkit export --format panel`: every column present and typed, totals equal the stats and
the templates, CSV and Parquet hold the same values, both stores write the same files, and the
folder is replaced only by a complete panel."""

from __future__ import annotations

import csv
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from template_data import XISHAN, build, records

from graphkit import service
from graphkit.errors import OutputError
from graphkit.paths import samples_dir
from graphkit.present.panel import FILE_NAMES, TABLES, PanelFolder
from graphkit.present.panel.folder import MARKER
from graphkit.present.panel.write import arrow_type
from graphkit.records import NoticeRecord
from graphkit.service.panel import read_panel, write_panel

pq = pytest.importorskip("pyarrow.parquet")


def _sample_records() -> list[NoticeRecord]:
    from graphkit.errors import InputError
    from graphkit.pipeline import parse_paths

    return [r for r in parse_paths([str(samples_dir())]) if not isinstance(r, InputError)]


def _detected(store: Any) -> None:
    """The test records and the sample notices, loaded and their families detected, as ingest does."""
    service.load_records(store, [*records(), *_sample_records()], families="always")


def _csv(path: Path, table: Any) -> list[dict[str, Any]]:
    """A CSV file read back with the panel's types (an empty field is null)."""
    types = {c.name: c.type for c in table.columns}
    conv = {"string": str, "int": int, "float": float, "bool": lambda v: {"true": True, "false": False}[v]}
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [{k: None if v == "" else conv[types[k]](v) for k, v in r.items()} for r in rows]


def _panel(store: Any, out: Path) -> dict[str, Any]:
    write_panel(store, out)
    return {t.name: pq.read_table(out / f"{t.name}.parquet") for t in TABLES}


def test_every_column_present_typed_and_described_and_csv_agrees(store: Any, tmp_path: Path) -> None:
    _detected(store)
    out = tmp_path / "panel"
    tables = _panel(store, out)
    assert {p.name for p in out.iterdir()} == FILE_NAMES
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert readme.startswith(MARKER)
    for t in TABLES:
        pa_table = tables[t.name]
        assert pa_table.schema.names == t.names
        for c in t.columns:
            assert pa_table.schema.field(c.name).type == arrow_type(c.type), (t.name, c.name)
            assert f"| `{c.name}` | {c.type} |" in readme, (t.name, c.name)
        with open(out / f"{t.name}.csv", encoding="utf-8") as fh:
            assert next(csv.reader(fh)) == t.names
        assert _csv(out / f"{t.name}.csv", t) == pa_table.to_pylist(), t.name
        assert pa_table.num_rows > 0, t.name  # every table had rows to check: the samples have reuse
        # the ids and what the loaders and attribution fill are read, not left out: never all null
        for name in {"notice", "measure", "family", "unit", "kind", "level", "date"} & set(t.names):
            assert pa_table.column(name).null_count < pa_table.num_rows, (t.name, name)


def test_totals_equal_the_stats_and_the_templates(store: Any, tmp_path: Path) -> None:
    _detected(store)
    tables = {k: v.to_pylist() for k, v in _panel(store, tmp_path / "panel").items()}
    stats = service.stats(store)
    notices, measures, families = tables["notices"], tables["measures"], tables["families"]
    assert len(notices) == stats.nodes["Notice"]
    assert len(measures) == stats.nodes["Measure"] == sum(n["measures"] for n in notices)
    assert sum(n["issues"] for n in notices) == stats.nodes["Issue"]
    assert len(families) == stats.nodes["MeasureTemplate"]
    assert sum(f["members"] for f in families) == stats.edges["INSTANCE_OF"]
    assert len(tables["reuse_edges"]) == stats.edges["REUSED_FROM"] > 0
    assert sum(m["similar_across_units"] for m in measures) <= 2 * stats.edges["SIMILAR_TO"]
    assert len({m["measure"] for m in measures}) == len(measures)

    def template(name: str, **params: Any) -> list[dict[str, Any]]:
        return service.run_template(store, name, {"limit": 100_000, **params}).records()

    by_unit: dict[str, Counter[str]] = {}
    for n in notices:
        c = by_unit.setdefault(n["unit"], Counter())
        c.update(measures=n["measures"], copied=n["copied"], paper=n["paper_measures"])
    originality = {r["unit"]: (r["measures"], r["copied"]) for r in template("units/originality")}
    assert originality == {u: (c["measures"], c["copied"]) for u, c in by_unit.items() if c["measures"]}
    paper = {r["unit"]: r["paper"] for r in template("units/measure_kinds")}
    assert paper == {u: c["paper"] for u, c in by_unit.items() if c["measures"]}
    years: dict[Any, Counter[str]] = {}
    for n in notices:
        y = years.setdefault(None if n["year"] is None else str(n["year"]), Counter())
        y.update(
            notices=1,
            measures=n["measures"],
            across_units=n["reuse_across_units"],
            within_unit=n["reuse_within_unit"],
            across_notices=n["reuse_across_notices"],
        )
    keys = ("notices", "measures", "across_units", "within_unit", "across_notices")
    assert {r["year"]: tuple(r[k] for k in keys) for r in template("recycled/by_year")} == {
        y: tuple(c[k] for k in keys) for y, c in years.items()
    }
    sources = Counter(m["notice"] for m in measures if m["source"])
    assert [n["sources"] for n in notices] == [sources[n["notice"]] for n in notices]
    assert sum(sources.values()) > 0


def test_hand_counted_notice_and_measure_rows(store: Any, tmp_path: Path) -> None:
    late = NoticeRecord.model_validate(
        {
            **XISHAN,
            "id": "n-test-e",
            "source": "tests/e.txt",
            "title": "中共西山区委关于巡视整改进展情况的第二次通报",
            "published": "2024-09-01",
            "issues": [
                {
                    "label": "1.",
                    "title": "耕地保护责任落实不到位",
                    "measures": [
                        {
                            "label": "①",
                            "text": "召开专题会议研究耕地保护。",
                            "status": "in_progress",
                            "deadline": "2024-06",
                        },
                        {
                            "label": "②",
                            "text": "开展违法占地专项整治。",
                            "status": "done",
                            "deadline": "2024",
                        },
                        {"label": "③", "text": "拆除违法建筑5处。", "deadline": "2024-08-31"},
                        {
                            "label": "④",
                            "text": "对3名干部进行诫勉谈话。",
                            "status": "long_term",
                            "deadline": "2025",
                        },
                    ],
                }
            ],
        }
    )
    build(store, [late])
    panel = read_panel(store)
    notices = {n: i for i, n in enumerate(panel.tables["notices"]["notice"])}

    def row(table: str, i: int) -> dict[str, Any]:
        return {k: v[i] for k, v in panel.tables[table].items()}

    a = row("notices", notices["n-test-a"])
    # 东河 2023: 4 measures (document done, training done, document in_progress 2023-12, inspection
    # long_term), 2 categories holding 2 issues; t-1 (a1) across units, t-3 (a3, a4) within it
    assert (a["unit"], a["measures"], a["issues"], a["categories"]) == ("东河县委", 4, 4, 2)
    assert (a["paper_measures"], a["paper_share"], a["done_share"], a["long_term_share"]) == (
        3,
        0.75,
        0.5,
        0.25,
    )
    assert (a["overdue"], a["copied"], a["originality"]) == (0, 1, 0.75)
    assert (a["reuse_across_units"], a["reuse_within_unit"], a["reuse_across_notices"]) == (1, 2, 0)
    assert (a["year"], a["team"], a["warnings"]) == (2023, "省委第三巡视组", 0) or a["year"] == 2023
    e = row("notices", notices["n-test-e"])
    # due 2024-06-30 and 2024-08-31 passed on 2024-09-01 and not done: 2; the done one and the
    # one due 2025-12-31 are not overdue
    assert (e["measures"], e["overdue"], e["no_status_share"], e["paper_measures"]) == (4, 2, 0.25, 1)
    overdue = [
        (panel.tables["measures"]["label"][i], panel.tables["measures"]["overdue"][i])
        for i, n in enumerate(panel.tables["measures"]["notice"])
        if n == "n-test-e"
    ]
    assert overdue == [("①", True), ("②", False), ("③", True), ("④", False)]
    fams = panel.tables["families"]
    t1 = fams["family"].index("t-1")
    assert (fams["measures"][t1], fams["units"][t1], fams["notices"][t1]) == (2, 2, 2)
    assert (fams["first_date"][t1], fams["last_date"][t1]) == ("2023-11-30", "2023-12-08")


@pytest.mark.neo4j
def test_both_stores_write_the_same_files(embedded_store: Any, neo4j_store: Any, tmp_path: Path) -> None:
    for name, s in (("embedded", embedded_store), ("neo4j", neo4j_store)):
        _detected(s)
        write_panel(s, tmp_path / name)
    for f in sorted(FILE_NAMES):
        a, b = tmp_path / "embedded" / f, tmp_path / "neo4j" / f
        if f.endswith(".parquet"):
            assert pq.read_table(a).equals(pq.read_table(b)), f
        assert a.read_bytes() == b.read_bytes(), f


# -- the folder: whole or not at all -----------------------------------------------------------


def test_an_existing_panel_is_replaced_only_by_a_complete_one(embedded_store: Any, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()  # beside the store's folder (tmp_path / "db")
    out = tmp_path / "out" / "panel"
    build(embedded_store)
    write_panel(embedded_store, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.raises(RuntimeError), PanelFolder(out, (), FILE_NAMES) as folder:
        (folder.tmp / "notices.csv").write_text("half", encoding="utf-8")
        raise RuntimeError("the run failed half-way")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in out.parent.iterdir()] == ["panel"]  # no temporary folder left

    _detected(embedded_store)  # more notices: the new panel differs
    write_panel(embedded_store, out)
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert after.keys() == before.keys() and after["notices.csv"] != before["notices.csv"]
    assert [p.name for p in out.parent.iterdir()] == ["panel"]


def test_a_folder_that_is_no_panel_is_refused_and_left_alone(embedded_store: Any, tmp_path: Path) -> None:
    build(embedded_store)
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.tex").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="not a panel"):
        write_panel(embedded_store, mine)
    assert [p.name for p in mine.iterdir()] == ["thesis.tex"]
    (mine / "README.md").write_text(MARKER + "\n", encoding="utf-8")  # a panel's README, other files
    with pytest.raises(OutputError, match="not a panel"):
        write_panel(embedded_store, mine)
    with pytest.raises(OutputError, match="is a file"):
        write_panel(embedded_store, mine / "thesis.tex")
    with pytest.raises(OutputError, match="no such folder"):
        write_panel(embedded_store, tmp_path / "missing" / "panel")
    with pytest.raises(OutputError, match="inside the graph store"):
        write_panel(embedded_store, tmp_path / "db" / "panel", [tmp_path / "db"])
    with pytest.raises(OutputError, match="holds the graph store"):
        write_panel(embedded_store, tmp_path, [tmp_path / "db"])
    empty = tmp_path / "empty"
    empty.mkdir()
    write_panel(embedded_store, empty)  # an empty folder is filled
    assert {p.name for p in empty.iterdir()} == FILE_NAMES
    assert oct(empty.stat().st_mode & 0o777) == oct(0o777 & ~_umask())


def _umask() -> int:
    mask = os.umask(0o22)
    os.umask(mask)
    return mask


def test_the_command_writes_the_panel_and_refuses_in_one_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from graphkit.cli.app import app
    from graphkit.stores.embedded_store import EmbeddedStore

    db = tmp_path / "db"
    with EmbeddedStore(db) as s:
        _detected(s)
    runner = CliRunner()
    out = tmp_path / "out"
    res = runner.invoke(app, ["--db", str(db), "export", "--format", "panel", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert {p.name for p in out.iterdir()} == FILE_NAMES
    assert f"wrote {out} (panel: " in res.output and "measures" in res.output
    for args, says in (
        ([], "give it with -o DIR"),
        (["-o", str(db / "panel")], "inside the graph store"),
        (["-o", str(out / "README.md")], "is a file"),
    ):
        res = runner.invoke(app, ["--db", str(db), "export", "--format", "panel", *args])
        assert res.exit_code == 2 and says in res.output, (args, res.output)
        assert len(res.output.strip().splitlines()) == 1
    assert "panel" in runner.invoke(app, ["export", "--help"], terminal_width=200).output
