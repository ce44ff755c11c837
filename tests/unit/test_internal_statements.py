"""The statements graphkit runs itself live in queries/_internal/: every one a module names is
there and reads cleanly, and no module outside the stores and the service writes Cypher."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from graphkit.analysis import family_read
from graphkit.present import viz
from graphkit.templates import internal_query

PKG = Path(__file__).resolve().parents[2] / "graphkit"
LOADERS = PKG.parent / "loaders"
# Cypher may live in queries/, graphkit/stores/ and graphkit/service/ only (DDL included: the
# stores make theirs in graphkit/stores/ddl.py).
DDL = re.compile(r"\bCREATE\s+(?:CONSTRAINT|(?:TEXT\s+)?INDEX|NODE\s+TABLE|REL\s+TABLE)\b")
ALLOWED = (PKG / "stores", PKG / "service")
CYPHER = re.compile(
    r"\b(?:OPTIONAL\s+)?(?:MATCH|MERGE|CREATE)\s*\(|\bUNWIND\s+\$|\bDETACH\s+DELETE\b|\bRETURN\s+[\w.]+\s+AS\b"
)
# Functions that take the name of a statement in queries/_internal/ as their first argument.
RUNNERS = {"run_internal", "internal_statement", "internal_query"}


def _modules() -> list[Path]:
    paths = [*PKG.rglob("*.py"), *LOADERS.rglob("*.py")]
    return sorted(p for p in paths if not any(p.is_relative_to(a) for a in ALLOWED))


def _strings(tree: ast.AST) -> list[tuple[int, str]]:
    return [
        (n.lineno, n.value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


def _named_statements() -> set[str]:
    """Every literal name passed to run_internal / internal_statement / internal_query."""
    names: set[str] = set()
    for path in PKG.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if called in RUNNERS and isinstance(first, ast.Constant) and isinstance(first.value, str):
                names.add(first.value)
    return names


@pytest.mark.parametrize("module", _modules(), ids=lambda p: str(p.relative_to(PKG.parent)))
def test_no_cypher_outside_queries_stores_and_service(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    found = [(line, text[:60]) for line, text in _strings(tree) if CYPHER.search(text) or DDL.search(text)]
    assert not found, f"{module}: Cypher in Python (move it to queries/_internal/): {found}"


def test_every_named_statement_reads() -> None:
    names = _named_statements() | set(viz.UNIT_QUERIES) | set(viz.FAMILY_QUERIES)
    names |= set(family_read._MEMBERS.values()) | {family_read._NOTICE_MEMBERS}
    assert {"measure_items", "delete_families", "unit_by_name", "viz_unit_out"} <= names
    for name in sorted(names):
        q = internal_query(name)
        assert q.name == f"_internal/{name}" and q.cypher, name


def test_statements_that_write_say_so() -> None:
    for name in ("delete_families", "delete_similar_to", "set_unit_aliases"):
        assert internal_query(name).mode == "write", name
    for name in (*viz.UNIT_QUERIES, *viz.FAMILY_QUERIES, *family_read._MEMBERS.values()):
        assert internal_query(name).mode == "read", name


def test_view_statements_take_the_same_params() -> None:
    """Each view runs its statements with one dict of values: they must all declare them."""
    for queries, params in (
        (viz.UNIT_QUERIES, {"name"}),
        (viz.FAMILY_QUERIES, {"min_units", "family", "kind", "scope"}),
    ):
        for name in queries:
            assert {p.name for p in internal_query(name).params} == params, name


def test_the_viz_lookups_keep_an_empty_name_and_family_possible() -> None:
    """An empty unit name finds no unit (the caller then lists the units) and an empty family
    means every family: neither is refused as a missing required text."""
    assert internal_query("unit_by_name").bind({"name": ""}) == {"name": ""}
    assert internal_query("viz_family_members").bind({"family": ""})["family"] == ""


def test_the_readme_lists_every_internal_statement_by_its_summary() -> None:
    """queries/_internal/README.md has a row per statement, with the summary of its header."""
    folder = PKG.parent / "queries" / "_internal"
    readme = (folder / "README.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| `(\w+)` \| (.+) \|$", readme, re.M))
    for path in sorted(folder.glob("*.cypher")):
        zh, _, en = internal_query(path.stem).summary.partition(" | ")
        assert listed.get(path.stem) == f"{zh.strip()} — {en.strip()}", path.stem
    assert set(listed) == {p.stem for p in folder.glob("*.cypher")}
