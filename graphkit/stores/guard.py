"""What a Cypher statement may do: read the graph, write it, or reach outside it.

A statement a person types (`graphkit cypher`, `graphkit viz cypher`) only reads the graph unless
they say more. `--write` allows changes to the graph and its schema; `--allow-files` allows
what reaches outside the graph: files, the network, extensions, other databases, the server's
own administration. Each statement is sorted into these kinds before it runs:

* Neo4j from its own plan (`EXPLAIN`): the query type (`r`, `rw`, `w`, `s`) and the operators
  (`LoadCSV`, `ProcedureCall` of a procedure by name, administration commands);
* LadybugDB from the text of the statement, comments and string literals removed first, since
  its API exposes no statement kinds (a prepared statement says only whether it prepared, and
  `EXPLAIN` binds the statement, which for `LOAD FROM` already reads the file). The words it
  looks for are the lists below, each covered by a test.

A refusal is a QueryError: one line, exit code 2, nothing run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from graphkit.errors import QueryError

WRITE = "write"
OUTSIDE = "outside"


@dataclass(frozen=True)
class Finding:
    """One thing a statement does beyond reading: its kind (WRITE or OUTSIDE) and what it is."""

    kind: str
    what: str


# -- the text of a statement ------------------------------------------------------------------

# Left to right, whichever starts first wins: a `//` inside a string stays in the string.
_NOT_CODE = re.compile(
    r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`|//[^\n]*|/\*.*?\*/""",
    re.DOTALL,
)


def strip_cypher(cypher: str) -> str:
    """The statement with string literals, quoted names and comments blanked (`''`, ` `).

    An unterminated string or comment is left as code: a keyword in it then counts, which
    refuses rather than lets through.
    """
    return _NOT_CODE.sub(lambda m: " " if m.group().startswith("/") else "''", cypher)


# A keyword is a word not part of a property (`n.load`), a parameter (`$copy`) or a label (`:Set`).
def _kw(pattern: str) -> str:
    return rf"(?<![\w.$:`]){pattern}(?![\w`])"


_START = r"(?:^|;)\s*"  # statements that only stand at the start of a statement

# Changes to the graph or its schema: allowed with --write.
WRITE_WORDS: tuple[tuple[str, str], ...] = (
    ("CREATE", _kw("CREATE")),
    ("MERGE", _kw("MERGE")),
    ("SET", _kw("SET")),
    ("DELETE", _kw("DELETE")),
    ("REMOVE", _kw("REMOVE")),
    ("DROP", _kw("DROP")),
    ("ALTER", _kw("ALTER")),
    ("RENAME", _kw("RENAME")),
    ("FOREACH", _kw("FOREACH")),
    ("COMMENT ON", _kw(r"COMMENT\s+ON")),
    ("CHECKPOINT", _kw("CHECKPOINT")),  # LadybugDB: a checkpoint of a read-only store broke reads
    ("IN TRANSACTIONS", _kw(r"IN\s+TRANSACTIONS")),
)

# Files, the network, extensions, other databases: allowed with --allow-files.
OUTSIDE_WORDS: tuple[tuple[str, str], ...] = (
    ("LOAD", _kw("LOAD")),  # LOAD FROM 'file', LOAD CSV FROM 'url', LOAD [EXTENSION] x
    ("COPY", _kw("COPY")),  # COPY t FROM 'file', COPY (…) TO 'file'
    ("INSTALL", _kw("INSTALL")),
    ("UNINSTALL", _kw("UNINSTALL")),
    ("UPDATE (extension)", _START + _kw("UPDATE")),
    ("ATTACH", _kw("ATTACH")),
    ("DETACH (database)", _kw("DETACH") + r"(?!\s+DELETE\b)"),
    ("USE (database)", _START + _kw("USE")),
    ("EXPORT DATABASE", _kw(r"EXPORT\s+DATABASE")),
    ("IMPORT DATABASE", _kw(r"IMPORT\s+DATABASE")),
)

# Procedures (CALL name(…)) known to only read the graph or the store's own catalogue.
# LadybugDB's table functions; READ_CSV_*, READ_PARQUET, READ_NPY, FILE_INFO read files.
READ_PROCEDURES = frozenset(
    name.lower()
    for name in (
        "SHOW_TABLES",
        "SHOW_FUNCTIONS",
        "SHOW_CONNECTION",
        "SHOW_INDEXES",
        "SHOW_SEQUENCES",
        "SHOW_MACROS",
        "SHOW_GRAPHS",
        "SHOW_PROJECTED_GRAPHS",
        "SHOW_WARNINGS",
        "SHOW_ATTACHED_DATABASES",
        "SHOW_LOADED_EXTENSIONS",
        "SHOW_OFFICIAL_EXTENSIONS",
        "TABLE_INFO",
        "CURRENT_SETTING",
        "DB_VERSION",
        "CATALOG_VERSION",
        "STORAGE_VERSION",
        "STATS_INFO",
        "STORAGE_INFO",
        "DISK_SIZE_INFO",
        "PROJECTED_GRAPH_INFO",
        "QUERY_FTS_INDEX",
        "QUERY_VECTOR_INDEX",
    )
)
_CALL = re.compile(_kw("CALL") + r"\s+([A-Za-z_][\w.]*)\s*(=|\()?", re.IGNORECASE)

# Neo4j procedures that reach outside the graph whatever their mode says (APOC's load, export
# and cypher.run*, GDS's export and write, DBMS administration), and the db.* ones that write.
OUTSIDE_PROCEDURES = re.compile(r"^(apoc|dbms|gds)\.", re.IGNORECASE)
WRITE_PROCEDURES = re.compile(r"^db\.(create|drop|clear)|\.(write|mutate)$|^gds\..*\.write\b", re.IGNORECASE)


def text_findings(cypher: str) -> list[Finding]:
    """What the text of a statement does beyond reading, by the word lists above."""
    code = strip_cypher(cypher)
    found: list[Finding] = []
    for kind, words in ((WRITE, WRITE_WORDS), (OUTSIDE, OUTSIDE_WORDS)):
        for name, pattern in words:
            if re.search(pattern, code, re.IGNORECASE):
                found.append(Finding(kind, name))
    for m in _CALL.finditer(code):
        name, after = m.group(1), m.group(2)
        if after == "=":
            found.append(Finding(OUTSIDE, f"CALL {name} = … (a setting)"))
        else:
            found += procedure_findings(name, text_only=True)
    return found


def procedure_findings(name: str, *, text_only: bool = False) -> list[Finding]:
    """A CALLed procedure: outside (APOC, GDS, DBMS, or unknown when read from text), write."""
    if OUTSIDE_PROCEDURES.match(name):
        return [Finding(OUTSIDE, f"CALL {name}")]
    if WRITE_PROCEDURES.search(name):
        return [Finding(WRITE, f"CALL {name}")]
    if text_only and name.lower() not in READ_PROCEDURES:
        return [Finding(OUTSIDE, f"CALL {name} (not known to only read)")]
    return []


# -- Neo4j's plan ------------------------------------------------------------------------------

_PLAN_OUTSIDE = {
    "LoadCSV": "LOAD CSV",
    "AdministrationCommand": "an administration command",
    "TerminateTransactions": "TERMINATE TRANSACTIONS",
}


def plan_findings(query_type: str | None, operators: Iterable[tuple[str, str]]) -> list[Finding]:
    """What a Neo4j statement does, from `EXPLAIN`: its query type and its plan's operators.

    Args:
        query_type: `r` (read), `rw`, `w` (write), `s` (schema, DBMS procedures, administration).
        operators: (operatorType without its `@database`, Details) of every operator of the plan.
    """
    found: list[Finding] = []
    if query_type in ("w", "rw"):
        found.append(Finding(WRITE, f"Neo4j query type {query_type}"))
    elif query_type == "s":
        found.append(Finding(WRITE, "Neo4j query type s: schema or DBMS"))
    for op, details in operators:
        if op in _PLAN_OUTSIDE:
            found.append(Finding(OUTSIDE, _PLAN_OUTSIDE[op]))
        elif op == "ProcedureCall":
            name = details.split("(", 1)[0].strip()
            found += procedure_findings(name)
        if re.search(r"\b(apoc|gds)\.", details, re.IGNORECASE) and op != "ProcedureCall":
            found.append(Finding(OUTSIDE, "an APOC/GDS function"))
    return found


# -- the decision ----------------------------------------------------------------------------


def enforce(findings: Iterable[Finding], *, write: bool, allow_files: bool) -> None:
    """Raise QueryError when the statement does more than `write` / `allow_files` allow."""
    findings = list(findings)
    outside = sorted({f.what for f in findings if f.kind == OUTSIDE})
    writes = sorted({f.what for f in findings if f.kind == WRITE})
    if outside and not allow_files:
        need = "--allow-files" + ("" if write or not writes else " and --write")
        raise QueryError(
            f"refused: {', '.join(outside)} reaches outside the graph (files, network, extensions, "
            f"other databases, the server); pass {need} to allow"
        )
    if writes and not write:
        raise QueryError(f"refused: the query writes ({', '.join(writes)}); pass --write to allow")
