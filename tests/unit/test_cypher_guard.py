"""The word lists of graphkit.stores.guard, one case per entry: the statement it must catch, and
look-alikes it must let through (strings, comments, properties, parameters, labels)."""

from __future__ import annotations

import pytest

from graphkit.errors import QueryError
from graphkit.stores import guard

CAUGHT: list[tuple[str, str, str]] = [
    # (statement, kind, what)
    ("CREATE (n:Unit {id: 'x'})", guard.WRITE, "CREATE"),
    ("MERGE (n:Unit {id: 'x'})", guard.WRITE, "MERGE"),
    ("MATCH (n) SET n.x = 1", guard.WRITE, "SET"),
    ("MATCH (n) DELETE n", guard.WRITE, "DELETE"),
    ("MATCH (n) DETACH DELETE n", guard.WRITE, "DELETE"),
    ("MATCH (n) REMOVE n.x", guard.WRITE, "REMOVE"),
    ("DROP TABLE Unit", guard.WRITE, "DROP"),
    ("ALTER TABLE Unit ADD x INT64", guard.WRITE, "ALTER"),
    ("ALTER TABLE Unit RENAME x TO y", guard.WRITE, "RENAME"),
    ("UNWIND [1] AS x FOREACH (y IN [x] | CREATE (:A))", guard.WRITE, "FOREACH"),
    ("COMMENT ON TABLE Unit IS 'x'", guard.WRITE, "COMMENT ON"),
    ("CHECKPOINT", guard.WRITE, "CHECKPOINT"),
    ("checkpoint;", guard.WRITE, "CHECKPOINT"),
    ("MATCH (n) CALL (n) { SET n.x = 1 } IN TRANSACTIONS", guard.WRITE, "IN TRANSACTIONS"),
    ("LOAD FROM '/etc/passwd' (header=false) RETURN *", guard.OUTSIDE, "LOAD"),
    ("LOAD WITH HEADERS (a STRING) FROM 'x.csv' RETURN *", guard.OUTSIDE, "LOAD"),
    ("LOAD CSV FROM 'http://example.org/x.csv' AS r RETURN r", guard.OUTSIDE, "LOAD"),
    ("LOAD EXTENSION httpfs", guard.OUTSIDE, "LOAD"),
    ("load httpfs", guard.OUTSIDE, "LOAD"),
    ("COPY (MATCH (u:Unit) RETURN u.name) TO '/tmp/out.csv'", guard.OUTSIDE, "COPY"),
    ("COPY (MATCH (u:Unit) RETURN u.name) TO '/tmp/out.parquet'", guard.OUTSIDE, "COPY"),
    ("COPY Unit FROM '/tmp/units.csv'", guard.OUTSIDE, "COPY"),
    ("INSTALL httpfs", guard.OUTSIDE, "INSTALL"),
    ("UNINSTALL httpfs", guard.OUTSIDE, "UNINSTALL"),
    ("UPDATE httpfs", guard.OUTSIDE, "UPDATE (extension)"),
    ("ATTACH '/tmp/other.lbdb' AS other (dbtype lbug)", guard.OUTSIDE, "ATTACH"),
    ("DETACH other", guard.OUTSIDE, "DETACH (database)"),
    ("USE other", guard.OUTSIDE, "USE (database)"),
    ("MATCH (n) RETURN n; USE other", guard.OUTSIDE, "USE (database)"),
    ("EXPORT DATABASE '/tmp/dump'", guard.OUTSIDE, "EXPORT DATABASE"),
    ("IMPORT DATABASE '/tmp/dump'", guard.OUTSIDE, "IMPORT DATABASE"),
    ("CALL threads = 1", guard.OUTSIDE, "CALL threads = … (a setting)"),
    (
        "CALL READ_CSV_SERIAL('/etc/passwd') RETURN *",
        guard.OUTSIDE,
        "CALL READ_CSV_SERIAL (not known to only read)",
    ),
    ("CALL apoc.load.json('http://example.org')", guard.OUTSIDE, "CALL apoc.load.json"),
    ("CALL dbms.listConfig()", guard.OUTSIDE, "CALL dbms.listConfig"),
    ("CALL gds.graph.export('g', {})", guard.OUTSIDE, "CALL gds.graph.export"),
    ("CALL db.createLabel('X')", guard.WRITE, "CALL db.createLabel"),
    ("CALL plugin.pageRank.write('g')", guard.WRITE, "CALL plugin.pageRank.write"),
    # hidden in between reads, in lower case, after comments, in a second statement
    ("MATCH (n) RETURN n LIMIT 1; copy (MATCH (n) RETURN n) TO '/tmp/x.csv'", guard.OUTSIDE, "COPY"),
    ("/* a comment */ COPY (RETURN 1) TO '/tmp/x.csv'", guard.OUTSIDE, "COPY"),
    ("// a comment\nLOAD FROM 'x.csv' RETURN *", guard.OUTSIDE, "LOAD"),
    ("RETURN 'it''s' AS a; LOAD FROM 'x.csv' RETURN *", guard.OUTSIDE, "LOAD"),
    ("RETURN 'a\\'b' AS a; INSTALL httpfs", guard.OUTSIDE, "INSTALL"),
]


@pytest.mark.parametrize(("cypher", "kind", "what"), CAUGHT, ids=[c[0][:48] for c in CAUGHT])
def test_each_listed_statement_is_caught(cypher: str, kind: str, what: str) -> None:
    assert guard.Finding(kind, what) in guard.text_findings(cypher)


READS = [
    "MATCH (u:Unit) RETURN u.name ORDER BY u.name",
    "MATCH (u:Unit) WHERE u.name = 'COPY LOAD INSTALL CREATE' RETURN u",
    'MATCH (u:Unit) WHERE u.name = "SET; DELETE" RETURN u',
    "MATCH (u:Unit) RETURN u.name // then COPY it somewhere",
    "MATCH (u:Unit) /* LOAD FROM '/etc/passwd' */ RETURN u",
    "MATCH (m:Measure) RETURN m.load, m.copy, m.set, m.create",
    "MATCH (m:Measure) WHERE m.kind = $copy RETURN m",
    "MATCH (`COPY`:Unit) RETURN `COPY`.name",
    "MATCH (u:Unit) RETURN u.name AS unit_created, count(*) AS settings",
    "CALL show_tables() RETURN *",
    "CALL table_info('Unit') RETURN *",
    "CALL current_setting('threads') RETURN *",
    "CALL { MATCH (u:Unit) RETURN count(u) AS c } RETURN c",
    "MATCH (u:Unit) WHERE u.name STARTS WITH '东' RETURN u",
    "MATCH p = (u:Unit)-[:REPORTED]->(:Notice) RETURN p",
]


@pytest.mark.parametrize("cypher", READS)
def test_reads_pass(cypher: str) -> None:
    assert guard.text_findings(cypher) == []
    guard.enforce(guard.text_findings(cypher), write=False, allow_files=False)


def test_flags_decide() -> None:
    copy = guard.text_findings("COPY Unit FROM '/tmp/u.csv'")
    create = guard.text_findings("CREATE (:Unit {id: 'x'})")
    with pytest.raises(QueryError, match="pass --allow-files to allow"):
        guard.enforce(copy, write=True, allow_files=False)
    guard.enforce(copy, write=False, allow_files=True)
    with pytest.raises(QueryError, match="the query writes \\(CREATE\\); pass --write"):
        guard.enforce(create, write=False, allow_files=True)
    guard.enforce(create, write=True, allow_files=False)
    both = copy + create
    with pytest.raises(QueryError, match="pass --allow-files and --write to allow"):
        guard.enforce(both, write=False, allow_files=False)
    guard.enforce(both, write=True, allow_files=True)


def test_neo4j_plan_kinds() -> None:
    assert guard.plan_findings("r", [("ProduceResults", "n"), ("AllNodesScan", "n")]) == []
    assert guard.plan_findings("r", [("ProcedureCall", "db.labels() :: (label :: STRING)")]) == []
    assert guard.Finding(guard.WRITE, "Neo4j query type rw") in guard.plan_findings("rw", [])
    assert guard.Finding(guard.WRITE, "Neo4j query type w") in guard.plan_findings("w", [])
    assert guard.plan_findings("s", [("CreateIndex", "")])[0].kind == guard.WRITE
    assert guard.Finding(guard.OUTSIDE, "LOAD CSV") in guard.plan_findings("r", [("LoadCSV", "r")])
    admin = guard.plan_findings("s", [("AdministrationCommand", "")])
    assert guard.Finding(guard.OUTSIDE, "an administration command") in admin
    apoc = guard.plan_findings("r", [("ProcedureCall", "apoc.load.json($url) :: (value :: MAP)")])
    assert apoc == [guard.Finding(guard.OUTSIDE, "CALL apoc.load.json")]
    fn = guard.plan_findings("r", [("Projection", "apoc.static.get($x) AS v")])
    assert fn == [guard.Finding(guard.OUTSIDE, "an APOC/GDS function")]
