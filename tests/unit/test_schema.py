"""The one schema: generated DDL files are up to date and cover every label and edge type."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from graphkit.paths import schema_dir
from graphkit.schema import load_schema, schema
from graphkit.stores.ddl import embedded_ddl, neo4j_ddl, render_files


def test_generated_files_are_current() -> None:
    for name, text in render_files().items():
        assert (schema_dir() / name).read_text(encoding="utf-8") == text, (
            f"run python -m graphkit.stores.ddl ({name})"
        )


def test_required_kinds() -> None:
    s = schema()
    for label in ("Notice", "Unit", "Inspection", "Issue", "Measure", "Role", "Person", "Document"):
        assert label in s.nodes
    for label in ("Issue", "Measure"):
        props = s.nodes[label].properties
        assert {"notice_id", "span_start", "span_end"} <= set(props)
    ddl = "\n".join(neo4j_ddl(s))
    assert "CREATE CONSTRAINT measure_id IF NOT EXISTS FOR (n:Measure) REQUIRE n.id IS UNIQUE" in ddl
    assert all("IF NOT EXISTS" in q for q in neo4j_ddl(s) + embedded_ddl(s))


def _schema_with(tmp_path: Path, **measure: object) -> Path:
    """graph.yaml with the Measure label's entries replaced by `measure`'s."""
    raw = yaml.safe_load((schema_dir() / "graph.yaml").read_text(encoding="utf-8"))
    raw["nodes"]["Measure"].update(measure)
    path = tmp_path / "graph.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def test_a_composite_index_is_one_neo4j_index_on_its_properties_in_order(tmp_path: Path) -> None:
    s = load_schema(_schema_with(tmp_path, composite_indexes=[["status", "ord"]]))
    assert s.nodes["Measure"].composite_indexes == (("status", "ord"),)
    assert "CREATE INDEX measure_status_ord IF NOT EXISTS FOR (n:Measure) ON (n.status, n.ord)" in neo4j_ddl(
        s
    )
    assert "measure_due_notice_id" in " ".join(neo4j_ddl(schema()))  # measures/overdue's


@pytest.mark.parametrize(
    "entry",
    [{"indexes": ["dew"]}, {"text_indexes": ["txt"]}, {"composite_indexes": [["due", "notice"]]}],
)
def test_an_index_on_a_property_the_label_lacks_is_refused(tmp_path: Path, entry: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="Measure indexes properties it does not have"):
        load_schema(_schema_with(tmp_path, **entry))
