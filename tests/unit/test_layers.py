"""The boundaries the layout promises, checked on the source: thin CLI commands that call the
service, and Cypher only in queries/, the stores and the service."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[2] / "graphkit"
MAX_COMMAND_BODY = 25

# Where Cypher may not be written: it lives in queries/ (templates and queries/_internal/), in
# graphkit/stores/ and in graphkit/service/. The modules below are held to that today.
NO_CYPHER = sorted(
    [
        *(PKG / "cli").glob("*.py"),
        PKG / "ingest.py",
        PKG / "pipeline.py",
        PKG / "templates.py",
    ]
)
CYPHER = re.compile(
    r"\b(?:OPTIONAL\s+)?(?:MATCH|MERGE|CREATE)\s*\(|\bUNWIND\s+\$|\bDETACH\s+DELETE\b|\bRETURN\s+[\w.]+\s+AS\b"
)


def _commands(tree: ast.Module) -> Iterator[ast.FunctionDef]:
    """Functions Typer runs: `*_command` functions, and those decorated `@app.command(…)` or
    `@app.callback()`."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef):
            continue
        decorated = any(
            isinstance(d, ast.Call)
            and isinstance(d.func, ast.Attribute)
            and d.func.attr in ("command", "callback")
            for d in node.decorator_list
        )
        if decorated or node.name.endswith("_command"):
            yield node


def _body_lines(fn: ast.FunctionDef) -> int:
    """Lines of the body, without the signature and the docstring."""
    body = fn.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    return 0 if not body else (fn.end_lineno or body[-1].lineno) - body[0].lineno + 1


@pytest.mark.parametrize("module", sorted((PKG / "cli").glob("*.py")), ids=lambda p: p.name)
def test_cli_commands_are_thin(module: Path) -> None:
    """Each command reads its options, calls the service and renders: ≤ 25 lines of body."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    long = {f.name: n for f in _commands(tree) if (n := _body_lines(f)) > MAX_COMMAND_BODY}
    assert not long, f"{module.name}: command bodies over {MAX_COMMAND_BODY} lines: {long}"


@pytest.mark.parametrize("module", NO_CYPHER, ids=lambda p: str(p.relative_to(PKG)))
def test_no_cypher_outside_queries_stores_and_service(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    found = [
        (node.lineno, node.value[:60])
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and CYPHER.search(node.value)
    ]
    assert not found, f"{module.relative_to(PKG)}: Cypher in Python (move it to queries/): {found}"


def test_the_cypher_pattern_finds_cypher() -> None:
    for text in (
        "MATCH (u:Unit) RETURN u.name AS name",
        "UNWIND $rows AS r MERGE (n:Unit {id: r.id})",
        "OPTIONAL MATCH (m)-[:ADDRESSES]->(i) RETURN m",
        "MATCH (n) DETACH DELETE n",
    ):
        assert CYPHER.search(text), text
    for text in ("LOAD CSV, LOAD FROM, COPY, INSTALL, ATTACH, CALL apoc.* …", "match the unit's name"):
        assert not CYPHER.search(text), text
