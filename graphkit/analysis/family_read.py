"""Families as stored (MeasureTemplate + INSTANCE_OF), read back for the CLI and exports."""

from __future__ import annotations

from typing import Any

from graphkit.stores.base import Store

# One fixed statement (queries/_internal/) per member kind; user values enter only as $parameters.
_MEMBERS = {
    "measure": "family_measure_members",
    "document": "family_document_members",
    # members that are notices: a boilerplate sentence
    "sentence": "family_notice_members",
    "headline": "family_measure_members",
}
# Documents named outside the measures (the organisation section) are members that are notices.
_NOTICE_MEMBERS = "family_notice_members"
KINDS = tuple(_MEMBERS)


def read_families(
    store: Store, *, kind: str = "measure", scope: str = "all", min_units: int = 1, limit: int | None = None
) -> list[dict[str, Any]]:
    """Stored families, widest spread first, as the JSON the CLI prints."""
    params = {"kind": kind, "scope": scope, "min_units": min_units}
    rows = store.run_internal(_MEMBERS[kind], params).rows
    if kind == "document":
        rows += store.run_internal(_NOTICE_MEMBERS, params).rows
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
        # A document's member is the measure naming it (one Document node holds a title for every
        # notice): a measure naming it under two spellings is still one member.
        if (fid, mid) not in seen:
            seen.add((fid, mid))
            f["measures"].append(
                {"id": mid, "unit": unit, "notice": notice, "issue": issue or None, "text": mtext}
            )
    out = list(fams.values())
    for f in out:
        f["units"].sort()
    out.sort(key=lambda f: (-len(f["units"]), -f["size"], f["id"]))
    return out[:limit] if limit else out
