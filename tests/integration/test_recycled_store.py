"""Recycled measures through the stores: the planted reuse of the bundled samples is found,
stored, read back the same way from both stores, and printed by `graphkit recycled`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from graphkit import service
from graphkit.analysis.family_read import read_families
from graphkit.analysis.store_families import rebuild_families
from graphkit.errors import InputError
from graphkit.paths import samples_dir
from graphkit.pipeline import parse_paths
from tests.conftest import shared_path

# Opening words of the planted families (graphkit/samples/README.md).
ACROSS_UNITS = [
    "完善理论学习制度",
    "建立",
    "开展农村集体",
    "紧盯元旦",
    "严格执行干部选拔任用",
    "召开专题民主生活会",
]
ACROSS_NOTICES = ["落实耕地保护党政同责", "推行村级财务", "开展谈心谈话"]


@pytest.fixture(scope="module")
def sample_records():  # type: ignore[no-untyped-def]
    recs = list(parse_paths([str(samples_dir())]))
    assert not [r for r in recs if isinstance(r, InputError)]
    return recs


def _load(store, records):  # type: ignore[no-untyped-def]
    return service.load_records(store, records, families="always").families


def test_planted_families_are_found(store, sample_records) -> None:  # type: ignore[no-untyped-def]
    report = _load(store, sample_records)
    assert report.families["measure/across-units"] == 6
    assert report.families["measure/within-unit"] == 1
    assert report.families["measure/across-notices"] == 3

    across = read_families(store, scope="across-units")
    assert len(across) == 6
    for f in across:
        assert f["units"] == ["东河县委", "西山区委"]
        assert any(f["text"].startswith(p) for p in ACROSS_UNITS), f["text"]
    within = read_families(store, scope="within-unit")
    assert len(within) == 1 and within[0]["units"] == ["西山区委"] and within[0]["size"] == 3
    assert within[0]["text"].startswith("建立问题清单、任务清单、责任清单")
    assert len({m["issue"] for m in within[0]["measures"]}) == 3
    notices = read_families(store, scope="across-notices")
    assert sorted(p for f in notices for p in ACROSS_NOTICES if f["text"].startswith(p)) == sorted(
        ACROSS_NOTICES
    )

    docs = read_families(store, kind="document")
    assert any("巡视反馈意见整改落实专题民主生活会方案" in f["text"] for f in docs)
    sentences = read_families(store, kind="sentence")
    assert any("继续绷紧整改这根弦" in f["text"] for f in sentences)
    # sentences come from outside the issues: no measure text is a sentence family
    assert not any(f["text"].startswith("完善理论学习制度") for f in sentences)


def test_rebuild_is_idempotent(store, sample_records) -> None:  # type: ignore[no-untyped-def]
    _load(store, sample_records)
    first = store.counts(), read_families(store)
    rebuild_families(store)
    assert (store.counts(), read_families(store)) == first


@pytest.mark.neo4j
def test_both_stores_give_the_same_families(embedded_store, neo4j_store, sample_records) -> None:  # type: ignore[no-untyped-def]
    for s in (embedded_store, neo4j_store):
        _load(s, sample_records)
    for kind in ("measure", "headline", "document", "sentence"):
        assert read_families(embedded_store, kind=kind) == read_families(neo4j_store, kind=kind), kind


def test_cli_json(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "db")
    run = [sys.executable, "-m", "graphkit.cli.app", "--db", db]
    assert subprocess.run([*run, "ingest", str(samples_dir())], capture_output=True).returncode == 0
    res = subprocess.run(
        [*run, "recycled", "--format", "json", "--min-units", "2"], capture_output=True, text=True
    )
    assert res.returncode == 0, res.stderr
    fams = json.loads(res.stdout)
    assert len(fams) == 6
    assert set(fams[0]) >= {"id", "text", "units", "size", "measures"}
    assert set(fams[0]["measures"][0]) == {"id", "unit", "notice", "issue", "text"}
    bad = subprocess.run([*run, "recycled", "--scope", "nowhere"], capture_output=True, text=True)
    assert bad.returncode == 2 and "unknown scope" in bad.stderr


def test_a_document_named_outside_the_measures_joins_its_family(store) -> None:  # type: ignore[no-untyped-def]
    """Real notices (../shared): 法库县 issues 《法库县委常委班子省委巡视反馈意见整改落实专题民主生活会
    方案》 in a measure; 省应急管理厅 names 《省应急厅领导班子…方案》 in its organisation section,
    outside every measure, under an abbreviation of its name. One document family, two units."""
    folder = shared_path("corpus/notices")
    recs = list(
        parse_paths(
            [
                str(folder / "liaoning-faku-county-2020.txt"),
                str(folder / "liaoning-emergency-management-dept-2020.txt"),
            ]
        )
    )
    assert not [r for r in recs if isinstance(r, InputError)]
    _load(store, recs)
    fams = [f for f in read_families(store, kind="document") if "专题民主生活会方案" in f["text"]]
    assert len(fams) == 1 and len(fams[0]["units"]) == 2
    texts = sorted(m["text"] for m in fams[0]["measures"])
    assert texts == [
        "法库县委常委班子省委巡视反馈意见整改落实专题民主生活会方案",
        "省应急厅领导班子省委巡视反馈意见整改落实专题民主生活会方案",
    ]
    # the emergency department's title stands in no measure: its member is the notice
    assert any(m["id"] == m["notice"] for m in fams[0]["measures"])
