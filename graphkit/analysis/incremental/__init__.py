"""Incremental family detection: adding or replacing notices updates the stored families
without detecting over the whole store again, with the families a full rebuild would give.

A full rebuild (``store_families.rebuild_families``) leaves a family index beside the store
(``index_folder``: inside the embedded store's folder; under GRAPHKIT_HOME for a Neo4j server).
After a load, ``update_families`` compares the notices the store holds (id and content hash)
with those the index was built from; the notices added, removed or changed are read from the
store (their measures, documents and texts only), the index finds the families they change
(``index.FamilyIndex.apply``: re-clustering only the components they touch), and those families
are replaced in the store in one transaction (a family keeping its id, its least member, is
changed in place: the edges of the members that came or went). A family that items only
joined, and that stands otherwise (``near.Growth``: a notice joining a boilerplate of thousands),
is neither re-clustered nor read whole: it is changed by its new members (``grown``). It declines (returns None, and the caller rebuilds
in full) when there is no whole index, when it was built with other parameters, when the
store holds another number of families than the index wrote (they were removed, or replaced
by other means), when a known
unit's names or rank changed (its texts normalise differently, its families attribute
differently), or when so many notices changed that a rebuild is as quick.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from graphkit.analysis.boilerplate import SENTENCE_PARAMS
from graphkit.analysis.incremental.extract import extract
from graphkit.analysis.incremental.grown import prepare
from graphkit.analysis.incremental.index import FamilyIndex, remove_folder
from graphkit.analysis.laps import Laps
from graphkit.analysis.recycled import DetectParams, Intermediates
from graphkit.stores.base import Store

if TYPE_CHECKING:
    from graphkit.analysis.store_families import Detected, FamilyReport

__all__ = ["build_index", "discard_index", "index_folder", "update_families"]

MIN_REBUILD_SHARE = 0.2  # more changed notices than this share of the store: rebuild instead
MIN_REBUILD_NOTICES = 200  # … unless fewer than this many


def index_folder(store: Store) -> Path:
    """Where the store's family index lives: in the embedded store's folder, or under
    GRAPHKIT_HOME for a Neo4j database (one folder per server address and database)."""
    folder = getattr(store, "folder", None)
    if isinstance(folder, Path):
        return folder / "families-index"
    from graphkit.neo4j_server.settings import graphkit_home

    where = f"{getattr(store, 'uri', '')}|{getattr(store, 'database', '')}"
    return graphkit_home() / "families-index" / hashlib.sha1(where.encode()).hexdigest()[:16]


def discard_index(store: Store) -> None:
    """Remove the store's family index (before its families are replaced in full)."""
    remove_folder(index_folder(store))


def build_index(
    store: Store, found: Detected, docs: dict[str, list[tuple[str, str]]], params: DetectParams
) -> None:
    """Write the family index of a full detection ``found`` (made with ``keep=True``), whole or
    not at all: built in a sibling folder, then renamed into place."""
    from graphkit.analysis.store_families import unit_ranks

    folder = index_folder(store)
    tmp = folder.with_name(folder.name + ".new")
    remove_folder(tmp)
    idx = FamilyIndex.create(tmp, params)
    try:
        sents = found.sentences
        known = {}
        if sents is not None and sents.kept is not None:
            known = {s.id: n for s, n in zip(found.sentence_items, sents.kept.norm, strict=True)}
        parts = extract(found.items, docs, found.texts, found.names, known)
        assert found.measures.kept is not None, "detect_all(keep=True) keeps what the index needs"
        rank = {c.item.id: c.rank for c in parts.sentences}
        if sents is not None and sents.kept is not None:
            sentences = ([(s, rank[s.id]) for s in found.sentence_items], sents.kept, sents.families)
        else:  # no notice text: no sentence
            sentences = ([], _nothing_kept(SENTENCE_PARAMS), [])
        idx.build(parts, (found.measures.kept, found.measures.families), sentences, found.exact)
        notices = {n: (h, u) for n, h, u in store.run_internal("notice_hashes").rows}
        idx.set_sources(notices, found.names, unit_ranks(store))
        idx.finish_build()
        idx.commit()
    finally:
        idx.close()
    remove_folder(folder)
    tmp.rename(folder)


def _nothing_kept(p: DetectParams) -> Intermediates:
    """What a detection over no item keeps."""
    return Intermediates(
        [], [], np.zeros((0, p.bands), dtype=np.uint64), np.zeros((0, 2), dtype=np.int64), np.zeros(0)
    )


def update_families(store: Store, params: DetectParams | None = None) -> FamilyReport | None:
    """Bring the stored families up to date with the notices the store now holds, through the
    index; None when the index cannot (see the module docstring: the caller rebuilds)."""
    from graphkit.analysis.store_families import (
        FamilyReport,
        measure_documents_of,
        measure_items_of,
        notice_dates,
        notice_texts,
        unit_names,
        unit_ranks,
        write_changes,
    )

    p = params or DetectParams()
    idx = FamilyIndex.open(index_folder(store), p)
    if idx is None:
        return None
    try:
        report = FamilyReport(incremental=True)
        lap = Laps(report.timings)
        stored = {n: (h, u) for n, h, u in store.run_internal("notice_hashes").rows}
        idx.upgrade({n: u for n, (_, u) in stored.items()})
        known = idx.notices()
        removed = sorted(n for n, h in known.items() if n not in stored or stored[n][0] != h)
        added = sorted(n for n, (h, _) in stored.items() if known.get(n) != h)
        if len(removed) + len(added) > max(MIN_REBUILD_NOTICES, MIN_REBUILD_SHARE * len(stored)):
            return None
        (stored_families,) = store.run_internal("family_count").rows[0]
        if stored_families != sum(idx.counts()[1].values()):
            return None  # the store's families were removed or replaced since the index was written
        names, ranks = unit_names(store), unit_ranks(store)
        if idx.units_differ(names, ranks):
            return None
        lap("compare notices")
        items = measure_items_of(store, added)
        docs = measure_documents_of(store, added)
        texts = notice_texts(store, added)
        parts = extract(items, docs, texts, names)
        lap("read changed notices")
        idx.mark_dirty()
        change = idx.apply(removed, parts, names, {n: stored[n][1] for n in added})
        lap("update the index")
        dates = notice_dates(store)
        unit_of = {n: u for n, (_, u) in stored.items()}
        more = prepare(store, change.grown, idx.growth_members, unit_of, dates, names, ranks)
        write_changes(
            store,
            sorted(change.deleted),
            change.families,
            sorted(change.measures),
            {**docs, **change.documents},
            change.before,
            set(added),
            (names, ranks),
            more,
            dates,
        )
        lap("write")
        from graphkit.analysis.figures import refresh_figures

        refresh_figures(
            store,
            units=sorted(change.units),
            issues_of=sorted(change.notice_units),
            added=None if removed else added,  # notices only added: their wordings' counts are added
        )
        lap("figures")
        idx.set_sources(stored, names, ranks)
        idx.commit()
        report.measures, report.families = idx.counts()
        report.notices = (len(added), len(removed))
        report.changed = len(change.families)
        report.units = len(change.units)
        report.similar = len(change.measures)
        report.grown = len(change.grown)
        report.reattributed = len(more.whole)
        return report
    finally:
        idx.close()
