"""Stored families read back with every member: a document family lists each measure (or notice)
that names its title, as many as its size, the same on both stores (issue 14, item 11).

One Document node stands for a title in every notice, so 《党政领导干部选拔任用工作条例》, named by six
measures of four units of the shared corpus, is one node with one INSTANCE_OF edge: reading the
members through that node listed one member, with the issue of whichever measure came first."""

from __future__ import annotations

from typing import Any

import pytest

from graphkit import service
from graphkit.analysis.family_read import read_families
from graphkit.analysis.store_families import detect_all, measure_documents
from graphkit.errors import InputError
from graphkit.pipeline import parse_paths
from graphkit.records import NoticeRecord
from graphkit.stores.base import Store
from tests.conftest import shared_path

# The four notices of the shared corpus whose measures name 《党政领导干部选拔任用工作条例》 (two units
# name it in two measures each: which of their issues a store listed depended on its row order).
NOTICES = (
    "liaoning-faku-county-2020.txt",
    "liaoning-guta-district-2020.txt",
    "liaoning-shenfu-demonstration-zone-2020.txt",
    "liaoning-sports-bureau-2020.txt",
)
TITLE = "党政领导干部选拔任用工作条例"


@pytest.fixture(scope="module")
def records() -> list[NoticeRecord]:
    folder = shared_path("corpus/notices")
    recs = list(parse_paths([str(folder / name) for name in NOTICES]))
    assert not [r for r in recs if isinstance(r, InputError)]
    return [r for r in recs if isinstance(r, NoticeRecord)]


def _detected(store: Store, records: list[NoticeRecord]) -> list[dict[str, Any]]:
    """Load the notices (families made by detection) and read the document families back."""
    report = service.load_records(store, records, families="always").families
    assert report is not None and report.families.get("document/across-units", 0) > 0
    return read_families(store, kind="document")


def test_document_families_list_every_member(store: Store, records: list[NoticeRecord]) -> None:
    fams = _detected(store, records)
    for f in fams:
        ids = [m["id"] for m in f["measures"]]
        assert len(ids) == len(set(ids)) == f["size"], (f["text"], ids)
        assert sorted({m["unit"] for m in f["measures"]}) == f["units"], f["text"]

    rules = next(f for f in fams if f["text"] == TITLE)
    assert (rules["size"], len(rules["units"]), len(rules["measures"])) == (6, 4, 6)

    # each member is what detection found: the measure naming the title (its issue) or the notice
    families = detect_all(store, measure_documents(store)).families
    found = {
        f.id: sorted(
            (m.id.rsplit("/d", 1)[0], m.issue) if "/d" in m.id else (m.notice, None) for m in f.members
        )
        for f in families
        if f.kind == "document"
    }
    for f in fams:
        assert sorted((m["id"], m["issue"]) for m in f["measures"]) == found[f["id"]], f["text"]


@pytest.mark.neo4j
def test_both_stores_list_the_same_members(
    embedded_store: Store, neo4j_store: Store, records: list[NoticeRecord]
) -> None:
    assert _detected(embedded_store, records) == _detected(neo4j_store, records)
