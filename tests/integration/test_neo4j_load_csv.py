"""The local Neo4j server's own config keeps LOAD CSV at home (issue 14, item 5): no URL is
fetched, and file URLs reach only its import folder — even for a statement graphkit's read-only
check would let through (`--allow-files`) or a client that is not graphkit at all.

The test starts a server of its own (private_neo4j.py: a fresh GRAPHKIT_HOME on free ports, the jars
of the shared home), so that what is tested is the config graphkit writes today, not that of a
server started earlier; it stops that server, and only that one, at the end.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from private_neo4j import private_server as started_private_server

from graphkit import neo4j_server

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def private_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[neo4j_server.ServerInfo]:
    with started_private_server(
        tmp_path_factory.mktemp("graphkit-home"), "the local server's config is not tested"
    ) as info:
        yield info


@pytest.fixture
def web() -> Iterator[tuple[str, list[str]]]:
    """An HTTP server on 127.0.0.1 serving a small CSV; the list records every request."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            body = b"a,b\n1,2\n"
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", seen
    finally:
        httpd.shutdown()
        httpd.server_close()


def _run(info: neo4j_server.ServerInfo, cypher: str) -> list[dict[str, object]]:
    from neo4j import GraphDatabase

    with GraphDatabase.driver(info.uri, auth=info.auth) as driver:
        records, _, _ = driver.execute_query(cypher, database_="neo4j", routing_="r")
        return [r.data() for r in records]


def test_the_written_config_blocks_urls_and_keeps_files_in_import(
    private_server: neo4j_server.ServerInfo,
) -> None:
    conf = (private_server.home / "conf" / "neo4j.conf").read_text()
    assert "internal.dbms.cypher_ip_blocklist=0.0.0.0/0,::/0" in conf
    assert f"server.directories.import={private_server.home / 'import'}" in conf


def test_load_csv_from_an_http_url_is_refused_and_nothing_is_fetched(
    private_server: neo4j_server.ServerInfo, web: tuple[str, list[str]]
) -> None:
    from neo4j.exceptions import Neo4jError

    url, seen = web
    # the web server answers when asked directly: a refusal below is the Neo4j config's doing
    import urllib.request

    with urllib.request.urlopen(f"{url}/probe.csv", timeout=10) as resp:
        assert resp.read() == b"a,b\n1,2\n"
    seen.clear()
    with pytest.raises(Neo4jError) as info:
        _run(private_server, f"LOAD CSV FROM '{url}/data.csv' AS row RETURN row")
    assert "blocked" in str(info.value).lower() or "not allowed" in str(info.value).lower(), info.value
    assert seen == []


def test_file_urls_reach_only_the_import_folder(
    private_server: neo4j_server.ServerInfo, tmp_path: Path
) -> None:
    from neo4j.exceptions import Neo4jError

    outside = tmp_path / "secret.csv"
    outside.write_text("secret,1\n")
    inside = private_server.home / "import" / "ok.csv"
    inside.write_text("ok,1\n")
    assert _run(private_server, "LOAD CSV FROM 'file:///ok.csv' AS row RETURN row") == [{"row": ["ok", "1"]}]
    for url in (f"file://{outside}", "file:///../../../../../../etc/passwd"):
        with pytest.raises(Neo4jError):
            _run(private_server, f"LOAD CSV FROM '{url}' AS row RETURN row")
