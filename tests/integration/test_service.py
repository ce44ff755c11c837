"""graphkit.service, the library surface the CLI calls: parse, ingest, load, families, templates,
ad-hoc Cypher and stats, on the real embedded store and on Neo4j."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphkit import service
from graphkit.analysis.family_read import read_families as stored_families
from graphkit.errors import InputError, QueryError, RecordError
from graphkit.paths import queries_dir, samples_dir
from graphkit.stores.base import Store
from graphkit.templates import internal_query, load_templates
from tests.conftest import DATA

LAYOUTS = DATA / "layouts"
UNNAMED = LAYOUTS / "b-meta-unit-unknown-2022.txt"  # names no unit: warning unit_not_found
CLEAN = LAYOUTS / "a-no-top-sections-county-2023.txt"
SAMPLES = str(samples_dir())


# -- parse (no store) -------------------------------------------------------------------------


def test_parse_gives_records_and_counts() -> None:
    run = service.parse([SAMPLES])
    items = list(run)
    assert len(run.files) == 3 and not run.empty_folders
    assert [i.file for i in items] == run.files
    assert all(i.ok and i.record is not None and i.line is None for i in items)
    assert (run.parsed, run.failed, run.tally.summary()) == (3, 0, "0 warnings")


def test_parse_as_json_gives_lines() -> None:
    items = list(service.parse([SAMPLES], as_json=True))
    assert all(i.record is None and i.line is not None for i in items)
    assert {json.loads(i.line or "")["unit"] for i in items} == {"东河县委", "西山区委"}


def test_parse_reports_errors_empty_folders_and_warnings(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    missing = tmp_path / "missing.txt"
    run = service.parse([str(UNNAMED), str(CLEAN), str(empty), str(missing)])
    items = list(run)
    assert run.empty_folders == [str(empty)]
    (bad,) = [i for i in items if i.error is not None]
    assert isinstance(bad.error, InputError) and bad.source == str(missing)
    (warned,) = [i for i in items if i.warnings]
    assert warned.ok  # not strict: the notice goes on
    assert warned.warning_lines() == [
        f"{UNNAMED}: warning unit_not_found: the notice names no inspected unit that could be read"
    ]
    assert (run.parsed, run.failed) == (2, 2)
    assert run.tally.summary() == "1 warning in 1 notice (unit_not_found 1)"


def test_strict_parse_holds_back_a_notice_with_warnings() -> None:
    run = service.parse([str(UNNAMED), str(CLEAN)], strict=True)
    held = [i for i in run if i.held]
    assert len(held) == 1 and not held[0].ok
    assert held[0].warning_lines()[0].startswith(f"{UNNAMED}: error unit_not_found: ")
    assert (run.parsed, run.held, run.failed) == (1, 1, 1)
    assert len(list(service.parse([str(UNNAMED), str(CLEAN)], strict=True).records())) == 1


# -- ingest, load, families -------------------------------------------------------------------


def test_ingest_loads_then_detects_families_once(store: Store) -> None:
    seen: list[str] = []
    first = service.ingest(store, [SAMPLES], on_item=lambda i: seen.append(i.source))
    assert len(seen) == 3 and first.store == store.name and not first.failed
    assert (first.summary.notices, first.summary.written) == (3, 3)
    assert first.families is not None and first.families.total() > 0
    again = service.ingest(store, [SAMPLES])
    assert (again.summary.unchanged, again.summary.written) == (3, 0)
    assert again.families is None  # the graph did not change: detection did not run
    always = service.ingest(store, [SAMPLES], families="always")
    assert always.families is not None and always.families.families == first.families.families


def test_strict_ingest_fails_and_skips_the_notice(store: Store) -> None:
    result = service.ingest(store, [str(UNNAMED), str(CLEAN)], strict=True, families="never")
    assert result.failed and not result.errors
    assert result.summary.notices == 1 and result.families is None
    assert service.stats(store).nodes["Notice"] == 1


def test_load_skips_bad_records(store: Store, tmp_path: Path) -> None:
    reported: list[str] = []
    result = service.load(
        store,
        [DATA / "records" / "bad.jsonl", tmp_path / "none.jsonl"],
        on_item=lambda i: reported.append(i.source),
    )
    assert result.failed
    assert sum(isinstance(e, RecordError) for e in result.errors) == 3
    assert any(isinstance(e, InputError) and "no such file" in str(e) for e in result.errors)
    assert len(reported) == 5 and result.summary.notices == 1
    assert service.stats(store).nodes["Notice"] == 1


def test_families_are_the_stored_ones_typed(store: Store) -> None:
    loaded = service.load_records(store, service.parse([SAMPLES]).records(), families="always")
    assert loaded.families is not None
    for kind in ("measure", "document", "sentence"):
        typed = service.read_families(store, kind=kind, scope="all")
        assert [f.as_dict() for f in typed] == stored_families(store, kind=kind, scope="all"), kind
    wide = service.read_families(store, scope="across-units", min_units=2, limit=2)
    assert len(wide) == 2 and all(len(f.units) >= 2 and f.scope == "across-units" for f in wide)
    report = service.rebuild_families(store)
    assert report.families == loaded.families.families
    with pytest.raises(QueryError, match="threshold"):
        service.rebuild_families(store, threshold=1.5)
    # an unknown engine is refused before the store is marked as being rebuilt
    with pytest.raises(QueryError, match="engine"):
        service.rebuild_families(store, engine="dask")
    from graphkit.stores.state import read_state

    after = read_state(store)
    assert after.load_state == "idle" and after.families_current


def test_family_filter_is_checked_before_the_store() -> None:
    with pytest.raises(QueryError, match="unknown scope 'nowhere': choose across-units, "):
        service.check_family_filter(kind="measure", scope="nowhere")
    with pytest.raises(QueryError, match="unknown kind 'verse'"):
        service.check_family_filter(kind="verse", scope="all")
    assert service.family_scopes()[-1] == "all"


# -- templates, ad-hoc Cypher, stats ----------------------------------------------------------


def test_templates_run_with_typed_parameters(store: Store) -> None:
    service.ingest(store, [SAMPLES], families="never")
    call = service.prepare_template("units/profile", {"unit": "东河县委"})
    assert not call.writes and call.params["unit"] == "东河县委"
    (row,) = service.run_template(store, call).records()
    assert row["unit"] == "东河县委"
    by_name = service.run_template(store, "units/profile", {"unit": "东河县委"}).records()
    assert by_name == [row]
    assert len(service.run_template(store, "roles/leaders", {"limit": "2"}).rows) == 2


def test_template_mistakes_are_query_errors() -> None:
    with pytest.raises(QueryError, match="unknown template"):
        service.prepare_template("units/nosuch")
    with pytest.raises(QueryError, match="missing parameter unit"):
        service.prepare_template("units/profile")
    with pytest.raises(QueryError, match="expected an integer"):
        service.prepare_template("roles/leaders", {"limit": "many"})


def test_adhoc_cypher_reads_only_unless_allowed(store: Store) -> None:
    service.ingest(store, [SAMPLES], families="never")
    res = service.run_cypher(store, "MATCH (u:Unit) RETURN u.name AS unit ORDER BY unit")
    assert [r[0] for r in res.rows] == ["东河县委", "西山区委"]
    before = service.stats(store)
    with pytest.raises(QueryError, match="--write"):
        service.run_cypher(store, "MATCH (u:Unit) SET u.name = 'renamed'")
    with pytest.raises(QueryError, match="empty query"):
        service.run_cypher(store, "   ")
    assert service.stats(store) == before


def test_stats_are_the_store_counts(store: Store) -> None:
    service.ingest(store, [SAMPLES], families="never")
    stats = service.stats(store)
    found = stats.as_dict()
    # families were not detected (families="never"), so the answer says they are stale
    assert "recycled --rebuild" in str(found.pop("warning"))
    assert found == {"store": store.name, **store.counts()}
    assert stats.nodes["Notice"] == 3


# -- internal statements ----------------------------------------------------------------------


def test_internal_statements_parse_and_are_no_templates() -> None:
    folder = queries_dir() / "_internal"
    names = sorted(p.stem for p in folder.glob("*.cypher"))
    assert names, folder
    for name in names:
        q = internal_query(name)
        assert q.name == f"_internal/{name}" and q.cypher
    assert not [n for n in load_templates() if n.startswith("_")]
    with pytest.raises(QueryError, match="no internal query"):
        internal_query("nosuch")


def test_unit_aliases_are_refreshed_through_internal_statements(store: Store) -> None:
    service.ingest(store, [SAMPLES], families="never")
    res = service.run_cypher(
        store, "MATCH (u:Unit) RETURN u.name AS name, u.aliases AS aliases ORDER BY name"
    )
    aliases = {name: list(a or []) for name, a in res.rows}
    assert "中共东河县委" in aliases["东河县委"]
