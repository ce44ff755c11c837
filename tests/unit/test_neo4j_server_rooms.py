"""The local Neo4j's rooms without a server: settings, tools, conf, and status/stop of an empty home."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from graphkit import neo4j_server
from graphkit.errors import Neo4jServerError
from graphkit.neo4j_server import conf, settings, tools


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """No GRAPHKIT_NEO4J_* settings, and a home of this test's own."""
    for name in list(os.environ):
        if name.startswith("GRAPHKIT_NEO4J_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("GRAPHKIT_HOME", str(tmp_path / "gk"))
    return monkeypatch


def test_the_home_follows_graphkit_home_then_xdg(clean_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert neo4j_server.neo4j_home() == (tmp_path / "gk").resolve() / "neo4j"
    assert neo4j_server.lib_dir() == neo4j_server.neo4j_home() / "lib"
    clean_env.delenv("GRAPHKIT_HOME")
    clean_env.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert neo4j_server.neo4j_home() == (tmp_path / "xdg").resolve() / "graphkit" / "neo4j"


def test_defaults(clean_env: pytest.MonkeyPatch) -> None:
    assert (settings.bolt_port(), settings.http_port()) == (7687, 7474)
    assert settings.password() == "graphkit-local" == neo4j_server.DEFAULT_PASSWORD
    assert (settings.heap_size(), settings.pagecache_size()) == ("1g", "512m")
    assert settings.neo4j_version().startswith("5.26.")
    assert settings.uris(7687, 7474) == (
        "bolt://127.0.0.1:7687",
        "http://127.0.0.1:7474",
        "http://127.0.0.1:7474/browser/",
    )


@pytest.mark.parametrize(
    ("name", "value", "read"),
    [
        ("GRAPHKIT_NEO4J_BOLT_PORT", "70000", settings.bolt_port),
        ("GRAPHKIT_NEO4J_HTTP_PORT", "http", settings.http_port),
        ("GRAPHKIT_NEO4J_HEAP", "lots", settings.heap_size),
        ("GRAPHKIT_NEO4J_PAGECACHE", "512", settings.pagecache_size),
        ("GRAPHKIT_NEO4J_URL_BLOCKLIST", "10.0.0.0/8,intranet", conf.url_blocklist),
    ],
)
def test_a_malformed_setting_is_one_line_naming_it(
    clean_env: pytest.MonkeyPatch, name: str, value: str, read: object
) -> None:
    clean_env.setenv(name, value)
    with pytest.raises(Neo4jServerError) as exc:
        read()  # type: ignore[operator]
    assert name in str(exc.value) and "\n" not in str(exc.value)


def test_url_blocklist(clean_env: pytest.MonkeyPatch) -> None:
    assert conf.url_blocklist() == "0.0.0.0/0,::/0"
    clean_env.setenv("GRAPHKIT_NEO4J_URL_BLOCKLIST", " 10.0.0.0/8 , fd00::/8 ")
    assert conf.url_blocklist() == "10.0.0.0/8,fd00::/8"
    clean_env.setenv("GRAPHKIT_NEO4J_URL_BLOCKLIST", "None")
    assert conf.url_blocklist() == ""


def test_prepare_home_writes_the_conf(clean_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    home = tmp_path / "home"
    conf.prepare_home(home, 7787, 7575, "512m", "64m")
    for sub in ("conf", "data", "logs", "run", "plugins", "import"):
        assert (home / sub).is_dir(), sub
    assert (home / "conf" / "server-logs.xml").is_file() and (home / "conf" / "user-logs.xml").is_file()
    lines = (home / "conf" / "neo4j.conf").read_text().splitlines()
    for line in (
        "server.default_listen_address=127.0.0.1",
        "server.bolt.listen_address=127.0.0.1:7787",
        "server.http.listen_address=127.0.0.1:7575",
        "server.https.enabled=false",
        "dbms.security.auth_enabled=true",
        f"server.directories.import={home / 'import'}",
        "dbms.security.allow_csv_import_from_file_urls=true",
        "internal.dbms.cypher_ip_blocklist=0.0.0.0/0,::/0",
        "server.memory.heap.max_size=512m",
        "server.memory.pagecache.size=64m",
        "server.jvm.additional=--add-opens=java.base/java.nio=ALL-UNNAMED",
    ):
        assert line in lines, line
    clean_env.setenv("GRAPHKIT_NEO4J_URL_BLOCKLIST", "none")
    text = conf.conf_text(home, 7787, 7575, "512m", "64m")
    assert "cypher_ip_blocklist" not in text


def test_child_env_points_at_the_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEO4J_AUTH", "neo4j/other")
    env = conf.child_env(tmp_path)
    assert env["NEO4J_HOME"] == str(tmp_path) and env["NEO4J_CONF"] == str(tmp_path / "conf")
    assert "NEO4J_AUTH" not in env


def test_missing_tools_say_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GRAPHKIT_MVN", str(tmp_path / "no-mvn"))
    with pytest.raises(Neo4jServerError, match="install maven, or set GRAPHKIT_MVN"):
        tools.find_mvn()
    monkeypatch.setenv("GRAPHKIT_JAVA", str(tmp_path / "no-java"))
    with pytest.raises(Neo4jServerError, match=r"GRAPHKIT_JAVA=.* is not an executable java"):
        tools.find_java()


@pytest.mark.parametrize(
    ("said", "major"), [('openjdk version "17.0.12" 2024-07-16', 17), ('java version "1.8.0_402"', 8)]
)
def test_java_major_reads_java_version(tmp_path: Path, said: str, major: int) -> None:
    fake = tmp_path / "java"
    fake.write_text(f"#!/bin/sh\necho '{said}' >&2\n")
    fake.chmod(0o755)
    assert tools.java_major(str(fake)) == major


def test_an_old_java_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "java"
    fake.write_text("#!/bin/sh\necho 'openjdk version \"11.0.2\"' >&2\n")
    fake.chmod(0o755)
    monkeypatch.setenv("GRAPHKIT_JAVA", str(fake))
    with pytest.raises(Neo4jServerError, match=r"needs Java 17 or 21, but .* is Java 11"):
        tools.find_java()


def test_an_empty_home_is_stopped(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("GRAPHKIT_NEO4J_BOLT_PORT", "7787")
    st = neo4j_server.status()
    assert (st.running, st.ready, st.pid, st.jars) == (False, False, None, False)
    assert st.uri == "bolt://127.0.0.1:7787" and st.home == neo4j_server.neo4j_home()
    assert not neo4j_server.is_running()
    assert neo4j_server.stop() is False
    assert not neo4j_server.neo4j_home().exists()
    d = neo4j_server.info_dict(st)
    assert d["home"] == str(st.home) and "password" not in d
