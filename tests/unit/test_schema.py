"""The one schema: generated DDL files are up to date and cover every label and edge type."""

from __future__ import annotations

from graphkit.paths import schema_dir
from graphkit.schema import schema
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
