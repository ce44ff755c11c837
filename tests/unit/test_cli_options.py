"""Store options are accepted before or after the command."""

from __future__ import annotations

from graphkit.cli.app import hoist_global_options


def test_options_after_the_command_move_to_the_front() -> None:
    assert hoist_global_options(["stats", "--store", "neo4j", "--format", "json"]) == [
        "--store",
        "neo4j",
        "stats",
        "--format",
        "json",
    ]
    assert hoist_global_options(["ingest", "notices/", "--db=/tmp/x", "--debug"]) == [
        "--db=/tmp/x",
        "--debug",
        "ingest",
        "notices/",
    ]


def test_values_are_not_mistaken_for_options() -> None:
    argv = ["cypher", "MATCH (n) RETURN n", "-p", "store=neo4j", "--", "--store"]
    assert hoist_global_options(argv) == argv
