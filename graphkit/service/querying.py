"""Questions to the graph: the Cypher templates of queries/, ad-hoc Cypher, counts.

What can be checked without the store (a template's name and parameters, an empty statement)
is checked by `prepare_template` and `check_cypher` before a store is opened, so a mistake
never waits on, or is hidden by, the store.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Unpack

from graphkit.errors import QueryError
from graphkit.service.checks import check_params_given
from graphkit.service.results import Stats, TemplateCall
from graphkit.stores.base import AdhocOptions, QueryResult, Store
from graphkit.templates import Template, get_template, load_templates


def templates(folder: Path | None = None) -> dict[str, Template]:
    """Every template under `folder` (default: the bundled queries/), by name, sorted.

    Raises:
        QueryError: a template file is malformed.
    """
    return load_templates(folder)


def template(name: str, folder: Path | None = None) -> Template:
    """One template by name (`units/profile`).

    Raises:
        QueryError: no such template (the message suggests close names).
    """
    return get_template(name, folder)


def prepare_template(
    name: str, values: Mapping[str, Any] | None = None, *, write: bool = False, folder: Path | None = None
) -> TemplateCall:
    """Find a template and bind its parameters, before any store is opened.

    Args:
        name: the template's name (`units/profile`).
        values: parameter values, typed or as strings (`-p` values), converted to the declared types.
        write: allow a template that changes the graph.
        folder: a folder of templates (default: the bundled queries/).

    Raises:
        QueryError: unknown template, unknown or missing parameter, a value of the wrong type,
            or a write template without `write`.
    """
    t = get_template(name, folder)
    params = t.bind(dict(values or {}))
    if t.mode == "write" and not write:
        raise QueryError(f"template {t.name} writes to the store; pass --write to allow")
    return TemplateCall(t, params)


def run_template(
    store: Store,
    template: str | TemplateCall,
    values: Mapping[str, Any] | None = None,
    *,
    write: bool = False,
    timeout: float | None = None,
    folder: Path | None = None,
) -> QueryResult:
    """Run a template on a store; a write template runs in a write transaction.

    Args:
        store: an open store (read-only will do for a read template).
        template: the template's name, or a `TemplateCall` from `prepare_template` (then
            `values`, `write` and `folder` are not used).
        values: parameter values (see `prepare_template`).
        write: allow a template that changes the graph.
        timeout: stop the query after this many seconds.
        folder: a folder of templates (default: the bundled queries/).

    Raises:
        QueryError: as `prepare_template`, or the query failed or ran past `timeout`.
    """
    call = (
        template
        if isinstance(template, TemplateCall)
        else prepare_template(template, values, write=write, folder=folder)
    )
    return store.query(call.template.cypher, call.params, write=call.writes, timeout=timeout)


def check_cypher(query: str) -> None:
    """Raise QueryError for an empty statement (before any store is opened)."""
    if not query.strip():
        raise QueryError("empty query")


def run_cypher(
    store: Store, query: str, params: Mapping[str, Any] | None = None, **options: Unpack[AdhocOptions]
) -> QueryResult:
    """Run an ad-hoc Cypher statement through the store's guard (`Store.run_adhoc`).

    It only reads the graph unless the options (`AdhocOptions`: `write`, changes to the graph;
    `allow_files`, files, the network, extensions, other databases) allow more; a statement
    that does more is refused before it runs. `timeout`: seconds it may run.

    Raises:
        QueryError: an empty or refused statement, a Cypher error, or a query past `timeout`.
    """
    check_cypher(query)
    check_params_given(query, params or {})  # a $name with no value: an error, not null
    return store.run_adhoc(query, dict(params or {}), **options)


def stats(store: Store) -> Stats:
    """Node count per label and edge count per type, for every label and type of the schema,
    with the store's warning when a load or rebuild is under way or died (`store_warning`)."""
    counts = store.counts()
    return Stats(store.name, counts["nodes"], counts["edges"], store_warning(store))


def store_warning(store: Store) -> str | None:
    """One line when the store's answers may be incomplete or its families stale: a load,
    rebuild or migration under way or died, or families not detected after the last load."""
    from graphkit.stores.state import read_state

    return read_state(store).warning()
