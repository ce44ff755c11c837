"""graphkit in a notebook: one object over an open store, answers as pandas DataFrames.

::

    import graphkit

    with graphkit.open(db="./.graphkit/db") as g:  # or store="neo4j", uri="bolt://…", password=…
        g.notices()  # one row per notice
        g.families(min_units=2)  # one row per family of recycled measures
        g.query("units/profile", unit="东河县委")  # a template of queries/
        g.cypher(statement, name=value)  # ad-hoc Cypher that reads, $name values as keywords
        g.compare(unit="东河县委").summary()  # what changed between its two latest notices

A `Graph` calls the same functions of ``graphkit.service`` as the CLI, and its DataFrames hold
what the CLI's ``--format json`` prints: one row per answer row (per family for `families`),
graph values (nodes, relationships, paths) as plain dicts. pandas is an optional extra
(``pip install 'graphkit[pandas]'``); without it the DataFrame methods raise `PandasMissing`
(one line saying so) and everything else works. The store is opened read-only unless
``read_only=False``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphkit.config import STORES, Settings
from graphkit.errors import GraphkitError, StoreError

if TYPE_CHECKING:
    import pandas as pd

    from graphkit.analysis.compare import Comparison
    from graphkit.stores.base import Store

__all__ = ["Graph", "PandasMissing", "open"]

FAMILY_COLUMNS = ("id", "kind", "scope", "text", "units", "size", "measures")


class PandasMissing(GraphkitError, ImportError):
    """A DataFrame was asked for and pandas is not installed."""

    def __init__(self) -> None:
        super().__init__("pandas is not installed: pip install 'graphkit[pandas]' (or pandas) for DataFrames")


def _frame(records: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    """A DataFrame of `records` with `columns` in order (also when there are no records)."""
    try:
        import pandas as pd
    except ImportError:
        raise PandasMissing() from None
    return pd.DataFrame.from_records(list(records), columns=list(columns))


class Graph:
    """An open graphkit store, for questions from Python; use as a context manager or `close()`.

    Attributes:
        store: the open store (``graphkit.stores.base.Store``), for the service's other functions.
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    def notices(self) -> pd.DataFrame:
        """Every notice: id, unit, title, published, source, issues, measures (counts), by id."""
        from graphkit.service import comparing

        result = comparing.notices(self.store)
        return _frame(result.json_records(), result.columns)

    def families(
        self,
        *,
        kind: str = "measure",
        scope: str = "across-units",
        min_units: int = 1,
        limit: int | None = None,
    ) -> pd.DataFrame:
        """The stored families of recycled measures, widest spread first, one row per family
        (its members as a list of dicts in ``measures``): `graphkit recycled --format json`.

        Args:
            kind: measure, headline, document or sentence.
            scope: across-units, within-unit, across-notices or all.
            min_units: only families used by at least this many units.
            limit: at most this many families (None: all).

        Raises:
            QueryError: an unknown kind or scope.
        """
        from graphkit import service

        found = service.read_families(self.store, kind=kind, scope=scope, min_units=min_units, limit=limit)
        return _frame([f.as_dict() for f in found], FAMILY_COLUMNS)

    def query(self, name: str, **params: Any) -> pd.DataFrame:
        """Run a template of queries/ (`graphkit query run NAME -p …`): ``g.query("units/profile",
        unit="东河县委")``. A unit, notice or family that names nothing is an error, not 0 rows.

        Raises:
            QueryError: an unknown template or parameter, a wrong value, a unit that is not there,
                or a template that writes (not run from here).
        """
        from graphkit import service
        from graphkit.service.checks import check_names

        call = service.prepare_template(name, params)
        check_names(self.store, call.params)
        result = service.run_template(self.store, call)
        return _frame(result.json_records(), result.columns)

    def cypher(self, text: str, **params: Any) -> pd.DataFrame:
        """Run an ad-hoc Cypher statement that only reads (`graphkit cypher`); ``$name`` values
        as keyword arguments.

        Raises:
            QueryError: an empty, failing or refused statement (one that writes or reaches files).
        """
        from graphkit import service

        result = service.run_cypher(self.store, text, params)
        return _frame(result.json_records(), result.columns)

    def compare(self, a: str | None = None, b: str | None = None, *, unit: str | None = None) -> Comparison:
        """Compare two notices (ids, sources or file names), or a unit's two latest
        (`graphkit compare`); the result's ``as_dict()`` is the command's JSON.

        Raises:
            QueryError: neither two notices nor a unit given, or one that names nothing.
        """
        from graphkit.errors import QueryError
        from graphkit.service import comparing

        if unit is not None and a is None and b is None:
            return comparing.compare_unit(self.store, unit)
        if unit is None and a is not None and b is not None:
            return comparing.compare(self.store, a, b)
        raise QueryError("give two notices (compare(a, b)) or a unit (compare(unit=…))")

    def close(self) -> None:
        """Close the store."""
        self.store.close()

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<graphkit.Graph {self.store.name}>"


def open(
    db: str | Path | None = None,
    *,
    store: str | None = None,
    uri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    read_only: bool = True,
) -> Graph:
    """Open a graphkit store for questions from Python.

    Settings not given come from the GRAPHKIT_* environment variables, as for the CLI.

    Args:
        db: the embedded store's folder (default ``./.graphkit/db``).
        store: ``embedded`` (default) or ``neo4j``.
        uri: Neo4j's Bolt URI (default ``bolt://127.0.0.1:7687``).
        user: Neo4j user.
        password: Neo4j password.
        database: Neo4j database.
        read_only: open the embedded store read-only (Neo4j: no schema is applied).

    Raises:
        StoreError: an unknown store, or a store that cannot be opened.
    """
    from graphkit import service

    settings = Settings().override(
        store=store,
        db=Path(db) if db is not None else None,
        neo4j_uri=uri,
        neo4j_user=user,
        neo4j_password=password,
        neo4j_database=database,
    )
    if settings.store not in STORES:
        raise StoreError(f"unknown store {settings.store!r}: choose embedded or neo4j")
    return Graph(service.open_store(settings, read_only=read_only))
