"""A notice record → the nodes and edges of its subgraph. No database driver is imported here.

Ids (loaders/ids.py) come from content and position: a notice's id is the hash of its clean text,
an issue's from the notice and its place in the tree, a measure's from its issue and its place,
so loading the same record twice gives the same nodes, and a changed measure text changes the
properties of one node only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from hashlib import sha1
from typing import TYPE_CHECKING

from graphkit.records import Issue, NoticeRecord, due_date
from loaders.graph import GraphBatch
from loaders.ids import document_key, normalise_unit, stable_id

if TYPE_CHECKING:
    from graphkit.analysis.places import UnitPlace


def record_hash(record: NoticeRecord) -> str:
    """Hash of the whole record and of the store format it is written in: an unchanged record
    need not be written again, unless the format changed what is derived from it at load (format
    3: the unit's place, the notice's date), so `graphkit migrate` rewrites every notice."""
    from graphkit.schema import schema

    data = _JSON.encode(record.model_dump(mode="json"))
    return sha1(f"{schema().version}\n{data}".encode()).hexdigest()


# json.dumps(..., ensure_ascii=False, sort_keys=True), its encoder made once
_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def document_edges(issued: Iterable[str], documents: Iterable[str]) -> list[tuple[str, str]]:
    """(edge type, title) for each document of a measure: ISSUED for those it issued, else CITES."""
    mine = set(issued)
    return [("ISSUED" if title in mine else "CITES", title) for title in documents]


def record_to_graph(
    record: NoticeRecord,
    batch: GraphBatch | None = None,
    *,
    content_hash: str | None = None,
    place: UnitPlace | None = None,
    dated: tuple[str | None, str | None] = (None, None),
) -> GraphBatch:
    """Add one record's nodes and edges to `batch` (a new one when None) and return it.

    `content_hash` is `record_hash(record)` when the caller has it already. `place` is where
    the unit stands (`graphkit.analysis.places.record_place`): its properties go on the Unit,
    its divisions become Place nodes joined by LOCATED_IN. `dated` is the notice's (date, kind)
    that families are ordered by (`graphkit.analysis.sources.notice_date`)."""
    g = batch if batch is not None else GraphBatch()
    nid = record.id
    named = record.unit or record.publisher
    if named:
        unit_name: str | None = normalise_unit(named)
        uid = stable_id("u", unit_name)
        aliases = sorted({named, *([record.publisher] if record.publisher else [])} - {unit_name})
    else:
        # the notice names no unit: its measures still need an owner, one of its own, left unnamed
        # (a guess would merge unrelated notices into one unit)
        unit_name, uid, aliases = None, stable_id("u", "unnamed", nid), []
    g.node("Unit", {"id": uid, "name": unit_name, "aliases": aliases})
    if place is not None and unit_name is not None:
        g.node("Unit", {"id": uid, **place.properties()})
        below: tuple[str, str] = ("Unit", uid)
        for d in reversed(place.divisions):
            g.node("Place", {"id": d.id, "name": d.name, "level": d.level})
            g.edge("LOCATED_IN", below, ("Place", d.id))
            below = ("Place", d.id)

    insp = record.inspection
    if any((insp.team, insp.round, insp.start, insp.kind)):
        iid = stable_id("insp", uid, insp.team, insp.round, insp.start, insp.kind)
    else:
        iid = stable_id("insp", nid)
    g.node(
        "Inspection",
        {
            "id": iid,
            "team": insp.team,
            "kind": insp.kind,
            "round": insp.round,
            "start_date": insp.start,
            "end_date": insp.end,
            "feedback_date": insp.feedback,
        },
    )
    g.edge("ON_INSPECTION", ("Notice", nid), ("Inspection", iid))
    g.edge("INSPECTED", ("Inspection", iid), ("Unit", uid))
    g.edge("REPORTED", ("Unit", uid), ("Notice", nid))

    ord_issue = 0
    ord_measure = 0

    node, edge = g.node, g.edge

    def walk(issues: list[Issue], parent: str | None, path: str, depth: int) -> None:
        """Add the Issue nodes of `issues`, their measures and documents, and recurse into sub-issues."""
        nonlocal ord_issue, ord_measure
        for k, issue in enumerate(issues, 1):
            ipath = f"{path}.{k}" if path else str(k)
            # stable_id("i", nid, ipath) and stable_id("m", nid, ipath, j), the parts joined here once
            ikey = f"{nid}\x1f{ipath}"
            isid = "i-" + sha1(ikey.encode()).hexdigest()[:16]
            ord_issue += 1
            node(
                "Issue",
                {
                    "id": isid,
                    "notice_id": nid,
                    "parent_id": parent,
                    "label": issue.label,
                    "title": issue.title,
                    "depth": depth,
                    "ord": ord_issue,
                    "path": ipath,
                    "span_start": issue.span[0] if issue.span else None,
                    "span_end": issue.span[1] if issue.span else None,
                },
            )
            if parent is None:
                edge("HAS_ISSUE", ("Notice", nid), ("Issue", isid))
            else:
                edge("HAS_SUBISSUE", ("Issue", parent), ("Issue", isid))
            for j, m in enumerate(issue.measures, 1):
                mid = "m-" + sha1(f"{ikey}\x1f{j}".encode()).hexdigest()[:16]
                ord_measure += 1
                mspan = m.span
                node(
                    "Measure",
                    {
                        "id": mid,
                        "notice_id": nid,
                        "issue_id": isid,
                        "label": m.label,
                        "text": m.text,
                        "status": m.status,
                        "deadline": m.deadline,
                        "due": due_date(m.deadline),
                        "ord": ord_measure,
                        "span_start": mspan[0] if mspan else None,
                        "span_end": mspan[1] if mspan else None,
                        "kind": m.kind,
                    },
                )
                edge("ADDRESSES", ("Measure", mid), ("Issue", isid))
                edge("TOOK", ("Unit", uid), ("Measure", mid))
                if not m.documents:
                    continue
                for etype, title in document_edges(m.issued, m.documents):
                    key = document_key(title)
                    if not key:
                        continue
                    did = stable_id("d", key)
                    node("Document", {"id": did, "title": title.strip().strip("《》")})
                    edge(etype, ("Measure", mid), ("Document", did))
            walk(issue.children, isid, ipath, depth + 1)

    walk(record.issues, None, "", 1)

    seen_roles: set[str] = set()
    for role in record.roles:
        rid = stable_id("r", nid, role.role, role.position, role.person)
        if rid in seen_roles:
            continue
        seen_roles.add(rid)
        g.node(
            "Role",
            {
                "id": rid,
                "notice_id": nid,
                "role": role.role,
                "position": role.position,
                "person": role.person,
            },
        )
        g.edge("HAS_ROLE", ("Unit", uid), ("Role", rid))
        g.edge("LEADS", ("Role", rid), ("Notice", nid))
        if role.person:
            pid = stable_id("p", uid, role.person)
            g.node("Person", {"id": pid, "name": role.person, "unit_id": uid})
            g.edge("HOLDS", ("Person", pid), ("Role", rid))
            g.edge("MEMBER_OF", ("Person", pid), ("Unit", uid))

    g.node(
        "Notice",
        {
            "id": nid,
            "source": record.source,
            "title": record.title,
            "unit_name": record.unit,
            "publisher": record.publisher,
            "published": record.published,
            "figures": json.dumps(record.figures, ensure_ascii=False, sort_keys=True)
            if record.figures
            else "{}",
            "warnings": json.dumps(
                [w.model_dump(mode="json") for w in record.warnings], ensure_ascii=False, sort_keys=True
            )
            if record.warnings
            else "[]",
            "content_hash": content_hash if content_hash is not None else record_hash(record),
            "issue_count": ord_issue,
            "measure_count": ord_measure,
            "text": record.text,
            "date": dated[0],
            "date_kind": dated[1],
        },
    )
    return g


def records_to_graph(records: Iterable[NoticeRecord]) -> GraphBatch:
    """One batch holding the nodes and edges of all the records."""
    g = GraphBatch()
    for r in records:
        record_to_graph(r, g)
    return g
