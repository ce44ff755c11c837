"""No silent empties: a value that names nothing, or a parameter never given, is an error.

A template whose `unit`, `notice` or `family` parameter names something the graph does not
hold would answer "0 rows" — the same as a real unit with nothing to show. `check_names` asks
the store first and raises a QueryError (one line, exit code 2) with the closest names it does
hold. An ad-hoc statement that uses a `$param` no `-p` gave would run with null in its place
(LadybugDB) or fail deep in the driver (Neo4j); `check_params_given` says which one is missing
before anything runs.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from graphkit.errors import QueryError
from graphkit.stores.base import Store
from graphkit.templates import used_params

SUGGESTIONS = 5


@dataclass(frozen=True)
class Lookup:
    """How a parameter's value is found in the graph, and how to list what is there.

    Attributes:
        what: what the value names (`unit`), for the message.
        find: the statement (queries/_internal/) that answers a row when the value exists.
        names: the statement that lists every known name (its text columns are candidates).
        see: where the user can see the known values.
    """

    what: str
    find: str
    names: str
    see: str


# Parameters named so, in any template, name a thing of the graph; an empty value means "any".
NAMED: dict[str, Lookup] = {
    "unit": Lookup("unit", "lookup_unit", "lookup_unit_names", "graphkit query run units/originality"),
    "notice": Lookup(
        "notice", "lookup_notice", "lookup_notice_names", "graphkit cypher 'MATCH (n:Notice) …'"
    ),
    "family": Lookup("family", "lookup_family", "lookup_family_names", "graphkit recycled --scope all"),
}


def check_params_given(query: str, params: Mapping[str, Any]) -> None:
    """Raise QueryError when `query` uses a `$name` that `params` does not give.

    Raises:
        QueryError: one line naming the missing parameters and how to give them.
    """
    missing = sorted(used_params(query) - set(params))
    if missing:
        names = ", ".join(f"${m}" for m in missing)
        raise QueryError(f"the query uses {names} but no value was given (add -p {missing[0]}=…)")


def closest(value: str, candidates: Iterable[str], n: int = SUGGESTIONS) -> list[str]:
    """The candidates nearest to `value`: those containing it (or contained in it) first, the
    shortest difference first, then the most similar by difflib's ratio (at least 0.34)."""
    value = value.strip()
    pool = sorted({c for c in candidates if c})
    inside = [c for c in pool if value and (value in c or c in value)]
    inside.sort(key=lambda c: (abs(len(c) - len(value)), c))
    rest = [c for c in pool if c not in inside]
    similar = difflib.get_close_matches(value, rest, n=n, cutoff=0.34)
    return (inside + similar)[:n]


def _candidates(store: Store, lookup: Lookup) -> list[str]:
    out: list[str] = []
    for row in store.run_internal(lookup.names).rows:
        for v in row:
            if isinstance(v, str):
                out.append(v)
            elif isinstance(v, list):
                out += [x for x in v if isinstance(x, str)]
    if lookup.what == "family":  # the short id a table shows (the part after the last ':')
        out += [c.rsplit(":", 1)[1] for c in out if c.count(":") >= 2]
    return out


def _not_found(store: Store, lookup: Lookup, value: str) -> QueryError:
    known = _candidates(store, lookup)
    if not known:
        return QueryError(f"no {lookup.what} {value!r}: the graph holds no {lookup.what} (ingest first)")
    near = closest(value, known)
    if near:
        return QueryError(f"no {lookup.what} {value!r}; closest: {'、'.join(near)}")
    return QueryError(f"no {lookup.what} {value!r} and none close to it (see `{lookup.see}`)")


def _find_params(lookup: Lookup, value: str) -> dict[str, Any]:
    return {"value": value, "suffix": ":" + value} if lookup.what == "family" else {"value": value}


def check_names(store: Store, params: Mapping[str, Any]) -> None:
    """Raise QueryError when a `unit`, `notice` or `family` value names nothing in the graph.

    An empty value (a template's "any unit") is not checked.

    Raises:
        QueryError: one line with the closest names the graph holds.
    """
    for name, value in params.items():
        lookup = NAMED.get(name)
        if lookup is None or not isinstance(value, str) or not value.strip():
            continue
        if not store.run_internal(lookup.find, _find_params(lookup, value)).rows:
            raise _not_found(store, lookup, value)


def find_family(store: Store, value: str, kind: str | None = None) -> str:
    """The id of the family `value` names: its id, or the short id (after the last `:`) a table
    shows; when families of several kinds end with it, the one of `kind` (the table's kind).

    Raises:
        QueryError: no family, or a short id that several families end with.
    """
    lookup = NAMED["family"]
    value = value.strip()
    if not value:
        raise QueryError("give a family id (see `graphkit recycled`)")
    ids = [r[0] for r in store.run_internal(lookup.find, _find_params(lookup, value)).rows]
    if value in ids:
        return value
    if len(ids) > 1 and kind:
        ids = [i for i in ids if str(i).startswith(f"{kind}:")] or ids
    if len(ids) == 1:
        return str(ids[0])
    if ids:
        raise QueryError(f"{value!r} ends several family ids: {'、'.join(ids)}; give the whole id or --kind")
    raise _not_found(store, lookup, value)
