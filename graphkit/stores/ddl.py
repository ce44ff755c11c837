"""The DDL each store makes from the one graph schema (schema/graph.yaml).

`python -m graphkit.stores.ddl` rewrites schema/constraints.cypher (Neo4j) and
schema/embedded.cypher (LadybugDB) from it; a test checks they are current.
"""

from __future__ import annotations

from graphkit.paths import schema_dir
from graphkit.schema import GraphSchema, schema

LADYBUG_TYPES = {
    "string": "STRING",
    "int": "INT64",
    "float": "DOUBLE",
    "bool": "BOOLEAN",
    "string[]": "STRING[]",
}
"""graph.yaml's property types as LadybugDB column types."""


def neo4j_ddl(s: GraphSchema) -> list[str]:
    """Named uniqueness constraints and property indexes, all `IF NOT EXISTS`."""
    out = []
    for n in s.tables():
        low = _snake(n.label)
        out.append(f"CREATE CONSTRAINT {low}_id IF NOT EXISTS FOR (n:{n.label}) REQUIRE n.id IS UNIQUE")
        for prop in n.indexes:
            out.append(f"CREATE INDEX {low}_{prop} IF NOT EXISTS FOR (n:{n.label}) ON (n.{prop})")
        for prop in n.text_indexes:
            out.append(f"CREATE TEXT INDEX {low}_{prop}_text IF NOT EXISTS FOR (n:{n.label}) ON (n.{prop})")
        for props in n.composite_indexes:
            on = ", ".join(f"n.{p}" for p in props)
            out.append(f"CREATE INDEX {low}_{'_'.join(props)} IF NOT EXISTS FOR (n:{n.label}) ON ({on})")
    return out


def embedded_ddl(s: GraphSchema) -> list[str]:
    """LadybugDB node tables (primary key `id`) and rel tables."""
    out = []
    for n in s.tables():
        cols = ", ".join(f"{p} {LADYBUG_TYPES[t]}" for p, t in n.properties.items())
        out.append(f"CREATE NODE TABLE IF NOT EXISTS {n.label}({cols}, PRIMARY KEY(id))")
    for e in s.edges.values():
        parts = [f"FROM {a} TO {b}" for a, b in e.pairs]
        parts += [f"{p} {LADYBUG_TYPES[t]}" for p, t in e.properties.items()]
        out.append(f"CREATE REL TABLE IF NOT EXISTS {e.type}({', '.join(parts)})")
    return out


def _snake(label: str) -> str:
    return "".join("_" + c.lower() if c.isupper() and i else c.lower() for i, c in enumerate(label))


def render_files() -> dict[str, str]:
    """The generated Cypher DDL files (Neo4j constraints, LadybugDB tables) by file name."""
    s = schema()
    head = "// Generated from schema/graph.yaml by `python -m graphkit.stores.ddl`; do not edit.\n"
    return {
        "constraints.cypher": head + "".join(q + ";\n" for q in neo4j_ddl(s)),
        "embedded.cypher": head + "".join(q + ";\n" for q in embedded_ddl(s)),
    }


if __name__ == "__main__":
    for name, text in render_files().items():
        (schema_dir() / name).write_text(text, encoding="utf-8")
        print("wrote", schema_dir() / name)
