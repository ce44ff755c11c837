"""Families as stored (MeasureTemplate + INSTANCE_OF), read back for the CLI and exports."""

from __future__ import annotations

from typing import Any

from graphkit.stores.base import Store

# One fixed query per member kind; user values enter only as $parameters.
_MEMBERS = {
    "measure": (
        "MATCH (t:MeasureTemplate) WHERE t.kind = $kind AND ($scope = 'all' OR t.scope = $scope) "
        "AND t.n_units >= $min_units "
        "MATCH (m:Measure)-[r:INSTANCE_OF]->(t) MATCH (u:Unit)-[:TOOK]->(m) "
        "RETURN t.id AS fid, t.text AS ftext, t.scope AS fscope, t.size AS fsize, t.n_units AS fn, "
        "m.id AS mid, u.name AS unit, m.notice_id AS notice, m.issue_id AS issue, r.text AS mtext "
        "ORDER BY fn DESC, fsize DESC, fid, unit, mid"
    ),
    "document": (
        "MATCH (t:MeasureTemplate) WHERE t.kind = $kind AND ($scope = 'all' OR t.scope = $scope) "
        "AND t.n_units >= $min_units "
        "MATCH (d:Document)-[r:INSTANCE_OF]->(t) MATCH (m:Measure)-[]->(d) MATCH (u:Unit)-[:TOOK]->(m) "
        "RETURN t.id AS fid, t.text AS ftext, t.scope AS fscope, t.size AS fsize, t.n_units AS fn, "
        "d.id AS mid, u.name AS unit, m.notice_id AS notice, m.issue_id AS issue, r.text AS mtext "
        "ORDER BY fn DESC, fsize DESC, fid, unit, mid"
    ),
}
# Members that are notices: a boilerplate sentence, or a document named outside the measures
# (the organisation section).
_NOTICE_MEMBERS = (
    "MATCH (t:MeasureTemplate) WHERE t.kind = $kind AND ($scope = 'all' OR t.scope = $scope) "
    "AND t.n_units >= $min_units "
    "MATCH (n:Notice)-[r:INSTANCE_OF]->(t) MATCH (u:Unit)-[:REPORTED]->(n) "
    "RETURN t.id AS fid, t.text AS ftext, t.scope AS fscope, t.size AS fsize, t.n_units AS fn, "
    "n.id AS mid, u.name AS unit, n.id AS notice, '' AS issue, r.text AS mtext"
)
_MEMBERS["sentence"] = _NOTICE_MEMBERS
_MEMBERS["headline"] = _MEMBERS["measure"]
KINDS = tuple(_MEMBERS)


def read_families(
    store: Store, *, kind: str = "measure", scope: str = "all", min_units: int = 1, limit: int | None = None
) -> list[dict[str, Any]]:
    """Stored families, widest spread first, as the JSON the CLI prints."""
    params = {"kind": kind, "scope": scope, "min_units": min_units}
    rows = store.query(_MEMBERS[kind], params).rows
    if kind == "document":
        rows += store.query(_NOTICE_MEMBERS, params).rows
    # widest spread, largest, then by family id, unit and member (as the queries' ORDER BY)
    rows.sort(key=lambda r: (-r[4], -r[3], r[0], r[6], r[5]))
    fams: dict[str, dict[str, Any]] = {}
    seen: set[tuple[str, str]] = set()
    for fid, ftext, fscope, fsize, _fn, mid, unit, notice, issue, mtext in rows:
        f = fams.setdefault(
            fid,
            {
                "id": fid,
                "kind": kind,
                "scope": fscope,
                "text": ftext,
                "units": [],
                "size": fsize,
                "measures": [],
            },
        )
        if unit not in f["units"]:
            f["units"].append(unit)
        if (fid, mid) not in seen:  # a document cited by two measures is one member
            seen.add((fid, mid))
            f["measures"].append(
                {"id": mid, "unit": unit, "notice": notice, "issue": issue or None, "text": mtext}
            )
    out = list(fams.values())
    for f in out:
        f["units"].sort()
    out.sort(key=lambda f: (-len(f["units"]), -f["size"], f["id"]))
    return out[:limit] if limit else out
