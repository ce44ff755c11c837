"""Ad-hoc Cypher without --write reads the graph and nothing else (issue 14, items 3 and 4).

`graphkit cypher` and `graphkit viz cypher`, on a real embedded store and a real Neo4j: each
statement kind that reaches files, the network, extensions or other databases, or writes, is one
line on stderr, exit code 2, and leaves no trace (no file written, no request received, the store
still readable). `--allow-files` and `--write` let through what they name, and nothing more.

The Neo4j tests only read or are refused: they neither clear nor write the server's database.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from template_data import build
from typer.testing import CliRunner

from graphkit.cli.app import app

runner = CliRunner()


def _one_error_line(res: Any, *fragments: str) -> None:
    assert res.exit_code == 2, (res.exit_code, res.stdout, res.stderr)
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("error: refused:"), lines[0]
    for f in fragments:
        assert f in lines[0], lines[0]
    assert "Traceback" not in res.stdout + res.stderr


# -- the embedded store ----------------------------------------------------------------------


@pytest.fixture
def embedded(tmp_path: Path) -> list[str]:
    from graphkit.stores.embedded_store import EmbeddedStore

    with EmbeddedStore(tmp_path / "db") as s:
        build(s)
    return ["--store", "embedded", "--db", str(tmp_path / "db")]


def _cypher(flags: list[str], *args: str) -> Any:
    return runner.invoke(app, [*flags, "cypher", *args])


def _still_reads(flags: list[str]) -> None:
    res = _cypher(flags, "MATCH (u:Unit) RETURN count(u) AS n", "-f", "json")
    assert res.exit_code == 0, res.stderr
    assert '"n": 3' in res.stdout


@pytest.mark.parametrize("suffix", ["csv", "parquet"])
def test_embedded_copy_to_a_file_is_refused(embedded: list[str], tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"out.{suffix}"
    _one_error_line(
        _cypher(embedded, f"COPY (MATCH (u:Unit) RETURN u.name) TO '{out}'"), "COPY", "--allow-files"
    )
    assert not out.exists()
    _one_error_line(  # --write allows graph writes, not files
        _cypher(embedded, "--write", f"COPY (MATCH (u:Unit) RETURN u.name) TO '{out}'"), "COPY"
    )
    assert not out.exists()
    res = _cypher(embedded, "--allow-files", f"COPY (MATCH (u:Unit) RETURN u.name) TO '{out}'")
    assert res.exit_code == 0, res.stderr
    assert out.exists()


def test_embedded_load_from_a_file_is_refused(embedded: list[str], tmp_path: Path) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("name\nthe-secret-value\n", encoding="utf-8")
    res = _cypher(embedded, f"LOAD FROM '{secret}' (header=true) RETURN *")
    _one_error_line(res, "LOAD", "--allow-files")
    assert "the-secret-value" not in res.stdout
    res = _cypher(embedded, "--allow-files", f"LOAD FROM '{secret}' (header=true) RETURN *", "-f", "json")
    assert res.exit_code == 0, res.stderr
    assert "the-secret-value" in res.stdout


def test_embedded_checkpoint_is_refused_and_reads_go_on(embedded: list[str]) -> None:
    _one_error_line(_cypher(embedded, "CHECKPOINT"), "CHECKPOINT", "--write")
    _still_reads(embedded)
    assert _cypher(embedded, "--write", "CHECKPOINT").exit_code == 0
    _still_reads(embedded)


REFUSED_EMBEDDED = [
    ("INSTALL httpfs", "INSTALL"),
    ("LOAD EXTENSION httpfs", "LOAD"),
    ("LOAD httpfs", "LOAD"),
    ("ATTACH '{tmp}/other.lbdb' AS other (dbtype lbug)", "ATTACH"),
    ("DETACH other", "DETACH"),
    ("EXPORT DATABASE '{tmp}/dump'", "EXPORT DATABASE"),
    ("IMPORT DATABASE '{tmp}/dump'", "IMPORT DATABASE"),
    ("CALL threads = 1", "a setting"),
    ("CALL read_csv_serial('{tmp}/x.csv') RETURN *", "read_csv_serial"),
    ("MATCH (u:Unit) RETURN u.name; COPY (MATCH (u:Unit) RETURN u.name) TO '{tmp}/x.csv'", "COPY"),
    ("/* only a comment */ copy Unit FROM '{tmp}/units.csv'", "COPY"),
]


@pytest.mark.parametrize(("cypher", "what"), REFUSED_EMBEDDED, ids=[c for c, _ in REFUSED_EMBEDDED])
def test_embedded_outside_statements_are_refused(
    embedded: list[str], tmp_path: Path, cypher: str, what: str
) -> None:
    before = sorted(p.name for p in tmp_path.iterdir())
    _one_error_line(_cypher(embedded, cypher.format(tmp=tmp_path)), what, "--allow-files")
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written, attached, dumped
    _still_reads(embedded)


def test_embedded_viz_cypher_is_read_only_too(embedded: list[str], tmp_path: Path) -> None:
    out = tmp_path / "leak.csv"
    page = tmp_path / "page.html"
    res = runner.invoke(
        app, [*embedded, "viz", "cypher", f"COPY (MATCH (u:Unit) RETURN u) TO '{out}'", "-o", str(page)]
    )
    _one_error_line(res, "COPY", "--allow-files")
    assert not out.exists() and not page.exists()
    res = runner.invoke(app, [*embedded, "viz", "cypher", "CHECKPOINT", "-o", str(page)])
    _one_error_line(res, "CHECKPOINT")
    res = runner.invoke(app, [*embedded, "viz", "cypher", "MATCH (u:Unit) RETURN u", "-o", str(page)])
    assert res.exit_code == 0, res.stderr
    assert page.exists()


def test_embedded_reads_with_keywords_in_strings_pass(embedded: list[str]) -> None:
    res = _cypher(
        embedded, "MATCH (u:Unit) WHERE u.name <> 'COPY LOAD INSTALL' RETURN count(u) AS n // CHECKPOINT"
    )
    assert res.exit_code == 0, res.stderr


# -- Neo4j ---------------------------------------------------------------------------------


@pytest.fixture
def neo4j(neo4j_settings: dict[str, str]) -> list[str]:
    flags = ["--store", "neo4j", "--neo4j-uri", neo4j_settings["uri"]]
    return [*flags, "--neo4j-user", neo4j_settings["user"], "--neo4j-password", neo4j_settings["password"]]


@pytest.fixture
def web() -> Iterator[tuple[str, list[str]]]:
    """An HTTP server on 127.0.0.1; the list records every request it receives."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"a,b\n1,2\n")

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", seen
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.neo4j
def test_neo4j_load_csv_from_a_url_is_refused_before_it_runs(
    neo4j: list[str], web: tuple[str, list[str]]
) -> None:
    url, seen = web
    _one_error_line(_cypher(neo4j, f"LOAD CSV FROM '{url}/x.csv' AS row RETURN row"), "LOAD CSV")
    _one_error_line(
        runner.invoke(app, [*neo4j, "viz", "cypher", f"LOAD CSV FROM '{url}/y.csv' AS row RETURN row"]),
        "LOAD CSV",
    )
    assert seen == []


REFUSED_NEO4J = [
    ("LOAD CSV FROM 'file:///graphkit-probe.csv' AS row RETURN row", ("LOAD CSV", "--allow-files")),
    ("CALL dbms.components()", ("dbms.components",)),
    ("SHOW USERS", ("administration command",)),
    ("CREATE USER graphkit_probe SET PASSWORD 'graphkit-probe-pw'", ("administration command",)),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-999999999'", ("TERMINATE TRANSACTIONS",)),
    ("CALL db.createLabel('GraphkitProbe')", ("writes", "--write")),
    ("CREATE (n:GraphkitProbe) RETURN n", ("writes", "--write")),
    ("CREATE INDEX graphkit_probe IF NOT EXISTS FOR (n:GraphkitProbe) ON (n.x)", ("writes", "--write")),
]


@pytest.mark.neo4j
@pytest.mark.parametrize(("cypher", "fragments"), REFUSED_NEO4J, ids=[c[:40] for c, _ in REFUSED_NEO4J])
def test_neo4j_statements_reaching_outside_or_writing_are_refused(
    neo4j: list[str], neo4j_settings: dict[str, str], cypher: str, fragments: tuple[str, ...]
) -> None:
    _one_error_line(_cypher(neo4j, cypher), *fragments)
    from neo4j import GraphDatabase

    auth = (neo4j_settings["user"], neo4j_settings["password"])
    with GraphDatabase.driver(neo4j_settings["uri"], auth=auth) as driver:
        users, _, _ = driver.execute_query("SHOW USERS YIELD user RETURN user", database_="system")
        probes, _, _ = driver.execute_query("MATCH (n:GraphkitProbe) RETURN count(n) AS c", database_="neo4j")
        indexes, _, _ = driver.execute_query("SHOW INDEXES YIELD name RETURN name", database_="neo4j")
    assert "graphkit_probe" not in [u["user"] for u in users]
    assert probes[0]["c"] == 0
    assert "graphkit_probe" not in [i["name"] for i in indexes]


@pytest.mark.neo4j
def test_neo4j_reads_and_read_procedures_pass(neo4j: list[str]) -> None:
    res = _cypher(neo4j, "CALL db.labels() YIELD label RETURN count(label) AS n", "-f", "json")
    assert res.exit_code == 0, res.stderr
    res = _cypher(neo4j, "MATCH (n) WHERE 'LOAD CSV' <> 'x' RETURN count(n) AS n", "-f", "json")
    assert res.exit_code == 0, res.stderr


@pytest.mark.neo4j
def test_neo4j_allow_files_lets_load_csv_through_to_the_server(neo4j: list[str]) -> None:
    """Past the check, the server's own config decides (a missing file in its import folder)."""
    res = _cypher(neo4j, "--allow-files", "LOAD CSV FROM 'file:///graphkit-no-such.csv' AS row RETURN row")
    assert res.exit_code == 2
    assert "refused:" not in res.stderr
