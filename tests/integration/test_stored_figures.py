"""Stored figures (graphkit.analysis.figures) and the templates that read them — issue 16 item 4.

The templates of units, families, documents and years read figures stored when families are
written instead of aggregating over every measure per call. Here, on both stores:

- the templates answer exactly as the queries they replaced (kept below as the reference, the
  text of each template before figures were stored), over the test records, the bundled sample
  notices and the shared corpus with families made by detection, and again after a notice is
  replaced and only its unit's figures are refreshed;
- the figures refreshed for some units (`refresh_figures(store, units=...)`) equal the figures
  computed from scratch (`refresh_figures(store)`) after a notice is replaced, a family is added
  or loses a member;
- a store of the previous format (written by the code of commit OLD) is brought to this one by
  `graphkit migrate`, with its figures.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from template_data import XISHAN, build_detected, measure_ids, records
from test_store_upgrade import gk, unpack_commit
from test_templates_parity import _extra_records, _same, param_sets

from graphkit.analysis.figures import refresh_figures
from graphkit.records import NoticeRecord
from graphkit.templates import load_templates
from loaders import GraphBatch

TEMPLATES = load_templates()
OLD = "58846f5"  # store format 3: no figures

REFERENCE: dict[str, str] = {
    "issues/paper_only": """
MATCH (u:Unit)-[:TOOK]->(m:Measure)-[:ADDRESSES]->(i:Issue)
WHERE $unit = '' OR u.name = $unit OR $unit IN u.aliases
WITH u, i, count(m) AS measures,
     count(CASE WHEN m.kind IN ['meeting', 'document', 'training'] THEN 1 END) AS paper
WITH u, count(i) AS answered, count(CASE WHEN paper = measures THEN 1 END) AS paper_only
RETURN u.name AS unit, answered, paper_only, 1.0 * paper_only / answered AS paper_only_share
ORDER BY paper_only DESC, paper_only_share DESC, unit
LIMIT $limit
""",
    "documents/most_issued": """
MATCH (d:Document)<-[:ISSUED|CITES]-(m:Measure)<-[:TOOK]-(u:Unit)
WITH d, count(DISTINCT u) AS units, count(DISTINCT m) AS measures
WHERE units >= $min_units
OPTIONAL MATCH (mi:Measure)-[:ISSUED]->(d)
WITH d, units, measures, count(DISTINCT mi) AS issued
OPTIONAL MATCH (mc:Measure)-[:CITES]->(d)
WITH d, units, measures, issued, count(DISTINCT mc) AS cited
RETURN d.title AS document, units, measures, issued, cited
ORDER BY units DESC, issued DESC, measures DESC, document
LIMIT $limit
""",
    "graphs/family_spread": """
MATCH (t:MeasureTemplate)<-[r1:INSTANCE_OF]-(m:Measure)<-[r2:TOOK]-(u:Unit)
WHERE t.kind = 'measure' AND t.n_units >= $min_units
RETURN t, r1, m, r2, u
ORDER BY t.n_units DESC, t.id, m.id
LIMIT $limit
""",
    "recycled/by_level": """
MATCH (u:Unit)-[:TOOK]->(m:Measure)
WITH u.level AS level, u.body_kind AS body_kind, count(DISTINCT u) AS units, count(m) AS measures
OPTIONAL MATCH (t:MeasureTemplate)<-[:INSTANCE_OF]-(a:Measure)<-[:TOOK]-(v:Unit)
WHERE t.scope = 'across-units'
  AND (v.level = level OR v.level IS NULL AND level IS NULL)
  AND (v.body_kind = body_kind OR v.body_kind IS NULL AND body_kind IS NULL)
WITH level, body_kind, units, measures, count(DISTINCT a) AS copied
RETURN level, body_kind, units, measures, copied, 1.0 * copied / measures AS copied_share
ORDER BY CASE level WHEN 'central' THEN 1 WHEN 'provincial' THEN 2 WHEN 'city' THEN 3
         WHEN 'county' THEN 4 WHEN 'township' THEN 5 WHEN 'village' THEN 6 ELSE 7 END,
         level, body_kind
LIMIT $limit
""",
    "recycled/by_year": """
MATCH (n:Notice)
OPTIONAL MATCH (u:Unit)-[:REPORTED]->(n)
OPTIONAL MATCH (u)-[:TOOK]->(m:Measure)
WHERE m.notice_id = n.id
OPTIONAL MATCH (m)-[:INSTANCE_OF]->(t:MeasureTemplate)
WHERE t.kind = $kind
WITH left(coalesce(n.date, n.published), 4) AS year, n, m,
     count(CASE WHEN t.scope = 'across-units' THEN 1 END) AS au,
     count(CASE WHEN t.scope = 'within-unit' THEN 1 END) AS wu,
     count(CASE WHEN t.scope = 'across-notices' THEN 1 END) AS an
WITH year, count(DISTINCT n) AS notices, count(m) AS measures,
     count(CASE WHEN au > 0 THEN 1 END) AS across_units,
     count(CASE WHEN wu > 0 THEN 1 END) AS within_unit,
     count(CASE WHEN an > 0 THEN 1 END) AS across_notices
RETURN year, notices, measures, across_units, within_unit, across_notices,
       CASE WHEN measures = 0 THEN NULL ELSE 1.0 * across_units / measures END AS across_units_share,
       CASE WHEN measures = 0 THEN NULL ELSE 1.0 * within_unit / measures END AS within_unit_share,
       CASE WHEN measures = 0 THEN NULL ELSE 1.0 * across_notices / measures END AS across_notices_share
ORDER BY year
LIMIT $limit
""",
    "recycled/families_by_spread": """
MATCH (t:MeasureTemplate)<-[:INSTANCE_OF]-(m:Measure)<-[:TOOK]-(u:Unit)
WHERE t.kind = $kind AND ($scope = '' OR t.scope = $scope)
WITH t, count(DISTINCT u) AS units, count(DISTINCT m.notice_id) AS notices, count(DISTINCT m) AS members
WHERE units >= $min_units
RETURN t.id AS family, t.scope AS scope, t.text AS text, units, notices, members
ORDER BY units DESC, notices DESC, members DESC, family
LIMIT $limit
""",
    "units/from_earlier_notices": """
MATCH (t:MeasureTemplate)<-[:INSTANCE_OF]-(m:Measure)<-[:TOOK]-(u:Unit)
WHERE t.kind = 'measure' AND t.scope = 'across-notices'
  AND ($unit = '' OR u.name = $unit OR $unit IN u.aliases)
MATCH (u)-[:REPORTED]->(n:Notice)
WHERE n.id = m.notice_id AND coalesce(n.date, n.published) IS NOT NULL
WITH u, t, min(coalesce(n.date, n.published)) AS first
MATCH (t)<-[:INSTANCE_OF]-(later:Measure)<-[:TOOK]-(u)
MATCH (u)-[:REPORTED]->(ln:Notice)
WHERE ln.id = later.notice_id AND coalesce(ln.date, ln.published) > first
WITH u, count(DISTINCT later) AS taken, count(DISTINCT t) AS families, count(DISTINCT ln) AS notices
MATCH (u)-[:TOOK]->(own:Measure)
WITH u, taken, families, notices, count(own) AS measures
RETURN u.name AS unit, taken, families, notices, measures, 1.0 * taken / measures AS taken_share
ORDER BY taken DESC, taken_share DESC, unit
LIMIT $limit
""",
    "units/measure_kinds": """
MATCH (u:Unit)-[:TOOK]->(m:Measure)
WITH u, count(m) AS measures,
     count(CASE WHEN m.kind = 'meeting' THEN 1 END) AS meeting,
     count(CASE WHEN m.kind = 'document' THEN 1 END) AS document,
     count(CASE WHEN m.kind = 'training' THEN 1 END) AS training,
     count(CASE WHEN m.kind = 'inspection' THEN 1 END) AS inspection,
     count(CASE WHEN m.kind = 'discipline' THEN 1 END) AS discipline,
     count(CASE WHEN m.kind = 'financial' THEN 1 END) AS financial,
     count(CASE WHEN m.kind = 'fix' THEN 1 END) AS fix,
     count(CASE WHEN m.kind IN ['meeting', 'document', 'training'] THEN 1 END) AS paper
RETURN u.name AS unit, measures, meeting, document, training, inspection, discipline, financial, fix,
       measures - meeting - document - training - inspection - discipline - financial - fix AS other,
       paper, 1.0 * paper / measures AS paper_share
ORDER BY paper_share DESC, unit
LIMIT $limit
""",
    "units/originality": """
MATCH (u:Unit)-[:TOOK]->(m:Measure)
WITH u, count(m) AS measures
OPTIONAL MATCH (u)-[:TOOK]->(a:Measure)-[:INSTANCE_OF]->(t:MeasureTemplate)
WHERE t.scope = 'across-units'
WITH u, measures, count(DISTINCT a) AS instances
OPTIONAL MATCH (u)-[:TOOK]->(b:Measure)-[s:SIMILAR_TO]-(:Measure)
WHERE s.scope = 'across-units'
WITH u, measures, instances, count(DISTINCT b) AS similar,
     count(DISTINCT CASE WHEN EXISTS { MATCH (b)-[:INSTANCE_OF]->(t2:MeasureTemplate) WHERE t2.scope = 'across-units' } THEN b END) AS both
WITH u, measures, instances + similar - both AS copied
RETURN u.name AS unit, measures, copied, measures - copied AS original,
       1.0 * (measures - copied) / measures AS originality
ORDER BY originality DESC, measures DESC, unit
LIMIT $limit
""",
    "units/originality_rank": """
MATCH (u:Unit)
WHERE u.name = $unit OR $unit IN u.aliases
MATCH (u)-[:TOOK]->(m:Measure)
WITH u, count(m) AS measures
OPTIONAL MATCH (u)-[:TOOK]->(a:Measure)-[:INSTANCE_OF]->(t:MeasureTemplate)
WHERE t.scope = 'across-units'
WITH u, measures, count(DISTINCT a) AS instances
OPTIONAL MATCH (u)-[:TOOK]->(b:Measure)-[s:SIMILAR_TO]-(:Measure)
WHERE s.scope = 'across-units'
WITH u, measures, instances, count(DISTINCT b) AS similar
OPTIONAL MATCH (u)-[:TOOK]->(c:Measure)-[s:SIMILAR_TO]-(:Measure), (c)-[:INSTANCE_OF]->(t:MeasureTemplate)
WHERE s.scope = 'across-units' AND t.scope = 'across-units'
WITH u, measures, instances, similar, count(DISTINCT c) AS both
WITH u, measures, instances + similar - both AS copied
MATCH (v:Unit)-[:TOOK]->(vm:Measure)
WITH u, measures, copied, v, count(vm) AS v_measures
OPTIONAL MATCH (v)-[:TOOK]->(va:Measure)-[:INSTANCE_OF]->(t:MeasureTemplate)
WHERE t.scope = 'across-units'
WITH u, measures, copied, v, v_measures, count(DISTINCT va) AS v_instances
OPTIONAL MATCH (v)-[:TOOK]->(vb:Measure)-[s:SIMILAR_TO]-(:Measure)
WHERE s.scope = 'across-units'
WITH u, measures, copied, v, v_measures, v_instances, count(DISTINCT vb) AS v_similar
OPTIONAL MATCH (v)-[:TOOK]->(vc:Measure)-[s:SIMILAR_TO]-(:Measure), (vc)-[:INSTANCE_OF]->(t:MeasureTemplate)
WHERE s.scope = 'across-units' AND t.scope = 'across-units'
WITH u, measures, copied, v, v_measures, v_instances, v_similar, count(DISTINCT vc) AS v_both
WITH u, measures, copied, v, v_measures, v_instances + v_similar - v_both AS v_copied
WITH u, measures, copied, count(v) AS units,
     count(CASE WHEN (v_measures - v_copied) * measures > (measures - copied) * v_measures THEN 1 END) AS ahead
RETURN u.name AS unit, measures, copied, 1.0 * (measures - copied) / measures AS originality,
       ahead + 1 AS rank, units
ORDER BY unit
""",
    "units/shared_measures": """
MATCH (t:MeasureTemplate)<-[:INSTANCE_OF]-(:Measure)<-[:TOOK]-(a:Unit)
WHERE t.kind = 'measure'
WITH DISTINCT t, a
MATCH (t)<-[:INSTANCE_OF]-(:Measure)<-[:TOOK]-(b:Unit)
WHERE a.id < b.id
WITH a, b, count(DISTINCT t) AS shared_families
WHERE shared_families >= $min_shared
RETURN a.name AS unit_a, b.name AS unit_b, shared_families
ORDER BY shared_families DESC, unit_a, unit_b
LIMIT $limit
""",
    "issues/by_category": """
MATCH (u:Unit)-[:REPORTED]->(n:Notice)-[:HAS_ISSUE]->(c:Issue)-[:HAS_SUBISSUE*0..8]->(p:Issue)
WHERE ($contains = '' OR c.title CONTAINS $contains)
  AND NOT EXISTS { MATCH (p)-[:HAS_SUBISSUE]->(:Issue) }
WITH c.title AS category, count(DISTINCT u) AS units, count(DISTINCT n) AS notices,
     count(DISTINCT p) AS problems
RETURN category, units, notices, problems
ORDER BY units DESC, problems DESC, category
LIMIT $limit
""",
    "issues/frequent_wordings": """
MATCH (u:Unit)-[:REPORTED]->(n:Notice)-[:HAS_ISSUE]->(:Issue)-[:HAS_SUBISSUE*0..8]->(i:Issue)
WITH i.title AS wording, count(DISTINCT i) AS issues, count(DISTINCT n) AS notices, count(DISTINCT u) AS units,
     min(i.depth) AS min_depth
WHERE units >= $min_units
RETURN wording, issues, notices, units, min_depth
ORDER BY issues DESC, units DESC, wording
LIMIT $limit
""",
    "recycled/within_unit": """
MATCH (u:Unit)-[:TOOK]->(m:Measure)-[:INSTANCE_OF]->(t:MeasureTemplate)
WHERE t.scope = 'within-unit' AND ($unit = '' OR u.name = $unit OR $unit IN u.aliases)
MATCH (m)-[:ADDRESSES]->(i:Issue)
WITH u, t, count(DISTINCT i) AS issues, count(DISTINCT m) AS measures
RETURN u.name AS unit, t.id AS family, t.text AS text, issues, measures
ORDER BY issues DESC, measures DESC, unit, family
LIMIT $limit
""",
    "units/similar_pairs": """
MATCH (a:Unit)-[:TOOK]->(x:Measure)-[s:SIMILAR_TO]-(y:Measure)<-[:TOOK]-(b:Unit)
WHERE a.id < b.id
WITH a, b, count(DISTINCT s) AS pairs, max(s.score) AS best_score
WHERE pairs >= $min_pairs
RETURN a.name AS unit_a, b.name AS unit_b, pairs, best_score
ORDER BY pairs DESC, unit_a, unit_b
LIMIT $limit
""",
    "units/status_shares": """
MATCH (u:Unit)-[:TOOK]->(m:Measure)
WITH u, count(m) AS measures,
     count(CASE WHEN m.status = 'done' THEN 1 END) AS done,
     count(CASE WHEN m.status = 'in_progress' THEN 1 END) AS in_progress,
     count(CASE WHEN m.status = 'long_term' THEN 1 END) AS long_term
RETURN u.name AS unit, measures, done, in_progress, long_term,
       measures - done - in_progress - long_term AS no_status,
       1.0 * done / measures AS done_share,
       1.0 * in_progress / measures AS in_progress_share,
       1.0 * long_term / measures AS long_term_share,
       1.0 * (measures - done - in_progress - long_term) / measures AS no_status_share
ORDER BY unit
LIMIT $limit
""",
}

FIGURES = {
    "Unit": (
        "measures instanced copied status_done status_in_progress status_long_term kind_meeting "
        "kind_document kind_training kind_inspection kind_discipline kind_financial kind_fix kind_paper "
        "taken taken_families taken_notices answered paper_only level_units level_measures level_instanced "
        "family_ids document_ids"
    ),
    "Notice": (
        "measures_taken measure_across_units measure_within_unit measure_across_notices "
        "headline_across_units headline_within_unit headline_across_notices year_notices year_measures "
        "year_measure_across_units year_measure_within_unit year_measure_across_notices "
        "year_headline_across_units year_headline_within_unit year_headline_across_notices"
    ),
    "Document": "units measures issued cited unit_ids",
    "MeasureTemplate": "members member_units member_notices unit_ids",
    "UnitPair": "unit_a unit_b unit_a_id unit_b_id shared_families",
    "UnitFamily": "unit_id unit family issues measures",
    "UnitSimilar": "unit_a unit_b unit_a_id unit_b_id pairs best_score",
    "Issue": "problems",
    "IssueWording": "title issues notices units min_depth cat_units cat_notices cat_problems unit_ids",
    "WordingUnits": "wording unit_ids",
}


def figures(store: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored figure of every node, by label (lists sorted: their order is not a figure)."""
    out = {}
    for label, props in FIGURES.items():
        cols = ", ".join(f"x.{p} AS {p}" for p in props.split())
        rows = store.query(f"MATCH (x:{label}) RETURN x.id AS id, {cols} ORDER BY id").rows
        out[label] = [tuple(sorted(v) if isinstance(v, list) else v for v in r) for r in rows]
    return out


def same_as_from_scratch(store: Any) -> None:
    """The stored figures are those a refresh of everything computes."""
    now = figures(store)
    refresh_figures(store)
    scratch = figures(store)
    for label in FIGURES:
        assert len(now[label]) == len(scratch[label]), label
        for a, b in zip(now[label], scratch[label], strict=True):
            assert a == b, (label, a, b)


def answers_as_reference(store: Any) -> set[str]:
    """Every parameter set of each template gives its reference's rows; the names that had rows."""
    answered = set()
    for name, reference in REFERENCE.items():
        t = TEMPLATES[name]
        assert t.cypher.strip() != reference.strip(), name  # the template reads the figures
        for values in param_sets(name):
            params = t.bind(values)
            want = store.query(reference, params)
            got = store.query(t.cypher, params)
            assert got.columns == want.columns, name
            assert len(got.rows) == len(want.rows), (name, values, got.rows[:3], want.rows[:3])
            for a, b in zip(got.rows, want.rows, strict=True):
                assert _same(a, b), (name, values, a, b)
            if want.rows:
                answered.add(name)
    return answered


def unit_id(store: Any, name: str) -> str:
    (row,) = store.query("MATCH (u:Unit) WHERE u.name = $n RETURN u.id AS id", {"n": name}).rows
    return str(row[0])


def changed_xishan() -> NoticeRecord:
    """西山区委's notice with its copy of a 东河 measure dropped and a measure added."""
    rec = NoticeRecord.model_validate(XISHAN)
    first = rec.issues[0]
    first.measures = [*first.measures[1:], first.measures[1].model_copy(update={"text": "新增措施一项。"})]
    return rec


@pytest.fixture(scope="module")
def extra_records() -> list[Any]:
    return _extra_records()


def test_templates_answer_as_before_figures_were_stored(store: Any, extra_records: list[Any]) -> None:
    from graphkit import service

    report = build_detected(store, extra_records)
    assert report.families.get("measure/across-units", 0) > 0
    assert answers_as_reference(store) == set(REFERENCE)  # every reference had rows to compare
    same_as_from_scratch(store)

    # a notice replaced without detection, then only its unit's figures refreshed
    service.load_records(store, [changed_xishan()], families="never")
    refresh_figures(store, units=[unit_id(store, "西山区委")])
    answers_as_reference(store)
    same_as_from_scratch(store)


def test_figures_refreshed_for_some_units_equal_those_from_scratch(store: Any) -> None:
    from graphkit import service

    build_detected(store)
    same_as_from_scratch(store)
    dong, xi, shang = (unit_id(store, n) for n in ("东河县委", "西山区委", "省商务厅党组"))

    # a new across-units family of three units' measures, and a near-copy pair
    recs = records()
    ids = measure_ids(recs)
    a = ids[("n-test-b", recs[1].issues[0].measures[1].text)]
    c = ids[("n-test-c", recs[2].issues[1].measures[0].text)]
    d = ids[("n-test-d", recs[3].issues[0].measures[0].text)]
    g = GraphBatch()
    g.node(
        "MeasureTemplate",
        {"id": "t-new", "kind": "measure", "scope": "across-units", "text": "x", "size": 3, "n_units": 3},
    )
    for m in (a, c, d):
        g.edge("INSTANCE_OF", ("Measure", m), ("MeasureTemplate", "t-new"), text="x")
    lo, hi = sorted((a, d))
    g.edge("SIMILAR_TO", ("Measure", lo), ("Measure", hi), score=0.9, scope="across-units")
    store.run_transaction(store.write_statements(g, []))
    refresh_figures(store, units=[dong, xi, shang])
    same_as_from_scratch(store)

    # the family loses 商务厅's member: only that unit is named, the family's others follow
    store.query(
        "MATCH (m:Measure)-[r:INSTANCE_OF]->(t:MeasureTemplate) WHERE m.id = $m AND t.id = 't-new' DELETE r",
        {"m": d},
        write=True,
    )
    refresh_figures(store, units=[shang])
    same_as_from_scratch(store)

    # a notice replaced, the families detected anew (every figure refreshed by the rebuild)
    service.load_records(store, [changed_xishan()], families="always")
    same_as_from_scratch(store)
    before = figures(store)
    refresh_figures(store, units=[])  # nothing named, nothing uncounted: nothing changes
    assert figures(store) == before


def test_a_store_of_the_previous_format_is_migrated_with_its_figures(tmp_path: Path) -> None:
    from graphkit import service
    from graphkit.config import Settings
    from graphkit.paths import samples_dir
    from graphkit.stores import state

    old = unpack_commit(OLD, tmp_path / "old")

    db = tmp_path / "db"
    made = gk("--db", str(db), "ingest", str(samples_dir()), code=old)
    assert made.returncode == 0, made.stderr
    refused = gk("--db", str(db), "query", "run", "units/originality")
    assert refused.returncode == 2 and "graphkit migrate" in refused.stderr, refused.stderr
    migrated = gk("--db", str(db), "migrate")
    assert migrated.returncode == 0, migrated.stderr
    assert "from store format 3" in " ".join(migrated.stdout.split()), migrated.stdout

    with service.open_store(Settings().override(db=db)) as store:
        assert state.read_state(store).store_format == state.current_format()
        assert figures(store)["Unit"] and all(r[1] is not None for r in figures(store)["Unit"])
        same_as_from_scratch(store)
        assert "units/originality" in answers_as_reference(store)


def _direct_change(store: Any, rng: Any, step: int) -> list[str]:
    """One random change written straight to the graph (a measure joins or leaves a family, a
    family is deleted or made, a near-copy pair is added or removed); the ids of the units an
    update of the families would name for it (every member, before and after, of what changed)."""
    q = store.query
    members = q(
        "MATCH (u:Unit)-[:TOOK]->(m:Measure)-[:INSTANCE_OF]->(t:MeasureTemplate) WHERE t.kind = 'measure' "
        "RETURN t.id, m.id, u.id ORDER BY t.id, m.id"
    ).rows
    measures = q("MATCH (u:Unit)-[:TOOK]->(m:Measure) RETURN m.id, u.id ORDER BY m.id").rows
    op = rng.choice(["join", "leave", "drop", "make", "pair", "unpair"])
    if op == "join" and members:
        t = rng.choice(members)[0]
        m, u = rng.choice(measures)
        q(
            "MATCH (m:Measure), (t:MeasureTemplate) WHERE m.id = $m AND t.id = $t "
            "CREATE (m)-[:INSTANCE_OF {text: 'x'}]->(t)",
            {"m": m, "t": t},
            write=True,
        )
        return [u]
    if op == "leave" and members:
        t, m, u = rng.choice(members)
        q(
            "MATCH (m:Measure)-[r:INSTANCE_OF]->(t:MeasureTemplate) WHERE m.id = $m AND t.id = $t DELETE r",
            {"m": m, "t": t},
            write=True,
        )
        return [u]
    if op == "drop" and members:
        t = rng.choice(members)[0]
        q("MATCH (t:MeasureTemplate) WHERE t.id = $t DETACH DELETE t", {"t": t}, write=True)
        return sorted({u for f, _m, u in members if f == t})
    if op in ("make", "join", "leave", "drop"):
        picked = rng.sample(measures, rng.randint(2, 4))
        g = GraphBatch()
        fid = f"t-random-{step}"
        g.node(
            "MeasureTemplate",
            {"id": fid, "kind": "measure", "scope": "across-units", "text": "x", "size": 3, "n_units": 3},
        )
        for m, _u in picked:
            g.edge("INSTANCE_OF", ("Measure", m), ("MeasureTemplate", fid), text="x")
        store.run_transaction(store.write_statements(g, []))
        return sorted({u for _m, u in picked})
    pairs = q(
        "MATCH (ua:Unit)-[:TOOK]->(a:Measure)-[s:SIMILAR_TO]->(b:Measure)<-[:TOOK]-(ub:Unit) "
        "RETURN a.id, b.id, ua.id, ub.id ORDER BY a.id, b.id"
    ).rows
    if op == "unpair" and pairs:
        a, b, ua, ub = rng.choice(pairs)
        q(
            "MATCH (a:Measure)-[s:SIMILAR_TO]->(b:Measure) WHERE a.id = $a AND b.id = $b DELETE s",
            {"a": a, "b": b},
            write=True,
        )
        return [ua, ub]
    (a, ua), (b, ub) = sorted(rng.sample(measures, 2))
    g = GraphBatch()
    g.edge("SIMILAR_TO", ("Measure", a), ("Measure", b), score=0.9, scope="across-units")
    store.run_transaction(store.write_statements(g, []))
    return [ua, ub]


def _edited(rec: NoticeRecord, rng: Any, step: int) -> NoticeRecord:
    """The notice with one measure dropped (same source, another id)."""
    from graphkit.records import notice_id

    issues = [i.model_copy(deep=True) for i in rec.issues]
    rng.choice([i for i in issues if len(i.measures) > 1]).measures.pop(0)
    body = "".join(m.text for i in issues for m in i.measures) + f"edited {step}"
    return rec.model_copy(update={"id": notice_id(body), "issues": issues})


def _retitled(rec: NoticeRecord, step: int) -> NoticeRecord:
    """The notice with its last issue dropped and its first issue titled anew (same source,
    another id): titles leave its unit, one comes that no other notice has."""
    from graphkit.records import notice_id

    issues = [i.model_copy(deep=True) for i in rec.issues[:-1]]
    issues[0] = issues[0].model_copy(update={"title": f"新的问题表述{step}"})
    body = "".join(m.text for i in issues for m in i.measures) + f"retitled {step}"
    return rec.model_copy(update={"id": notice_id(body), "issues": issues})


@pytest.mark.parametrize(("seed", "listed"), [(5, 0), (23, 0), (5, 3)])
def test_an_incremental_refresh_stores_what_a_full_refresh_stores(
    store: Any, seed: int, listed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Random changes, each followed by a refresh of the units it touched: every stored figure
    and UnitPair is then what a full refresh stores (figures are compared before the full
    refresh rewrites them). The changes: notices added and replaced through the family index
    (its own refresh of the units it names), and changes written straight to the graph. With
    `listed`, an issue title of more units than that lists them in WordingUnits buckets
    (graphkit.analysis.wordings.LISTED_UNITS; 0: the default)."""
    import random

    from graphkit.analysis import wordings

    if listed:
        monkeypatch.setattr(wordings, "LISTED_UNITS", listed)

    from graphkit import service
    from graphkit.testing.synth import generate

    rng = random.Random(seed)
    corpus = generate(n_units=24, notices_per_unit=(1, 2), n_families=30, seed=seed, with_text=True)
    pool = list(corpus.records)
    rng.shuffle(pool)
    service.load_records(store, pool[:20])
    same_as_from_scratch(store)
    incremental = 0
    for step in range(14):
        if step < 6:  # through the family index, which refreshes the units it names
            if step % 2 == 0:
                rec = pool[20 + step]
            elif step == 3:  # issue titles leave a unit: their wordings are counted again
                rec = _retitled(rng.choice([r for r in pool[:20] if len(r.issues) > 1]), step)
            else:
                rec = _edited(rng.choice(pool[:20]), rng, step)
            report = service.load_records(store, [rec])
            assert report.families is not None
            incremental += report.families.incremental
        elif step % 3 == 0:  # a notice replaced without detection: its families lose members
            rec = _edited(rng.choice(pool[:20]), rng, step)
            service.load_records(store, [rec], families="never")
            refresh_figures(store, units=[unit_id(store, rec.unit or "")])
        else:
            refresh_figures(store, units=_direct_change(store, rng, step))
        now = figures(store)
        refresh_figures(store)
        scratch = figures(store)
        for label in FIGURES:
            assert now[label] == scratch[label], (seed, step, label)
    assert incremental >= 5, "the notices loaded first must go through the family index"


def test_a_notice_gone_without_items_is_known_by_its_unit(store: Any) -> None:
    """A notice that leaves no item in the family index (problems listed without measures, no
    text: no measure, sentence, headline or document) is known by its unit when it goes, so the
    wordings of its unit's titles are counted again. Here its source is read anew as another
    unit's notice: the title it alone held leaves the first unit."""
    from graphkit import service
    from graphkit.records import Issue, notice_id
    from graphkit.testing.synth import generate

    corpus = generate(n_units=6, notices_per_unit=(1, 1), n_families=5, seed=3, with_text=True)
    recs = list(corpus.records)
    first, second = recs[0].unit, recs[1].unit
    bare = NoticeRecord(
        id=notice_id("只列问题的通报"),
        source="bare.txt",
        unit=first,
        issues=[Issue(title="只有这份通报列出的问题"), Issue(title=recs[0].issues[0].title)],
    )
    service.load_records(store, [*recs, bare])
    assert store.query(
        "MATCH (w:IssueWording) WHERE w.title = $t RETURN w.units AS u", {"t": "只有这份通报列出的问题"}
    ).rows == [[1]]
    again = bare.model_copy(
        update={
            "id": notice_id("只列问题的通报，另一单位"),
            "unit": second,
            "issues": [Issue(title="另一问题")],
        }
    )
    report = service.load_records(store, [again])
    assert report.families is not None and report.families.incremental
    assert report.families.notices == (1, 1)
    same_as_from_scratch(store)


def test_a_family_index_of_format_3_is_brought_to_the_current_format_in_place(
    store: Any, tmp_path: Path
) -> None:
    """An index written before notices' units were recorded (format 3: table notice without its
    unit column, nor the indexes of format 5) is upgraded by the next update, not rebuilt: each
    notice's unit is the store's, and a notice the store no longer holds gets its unit from its
    items in the index; the indexes of format 5 are made. The update replaces a notice by one
    read anew as another unit's, with titles dropped."""
    import shutil
    import sqlite3

    from graphkit import service
    from graphkit.analysis.incremental import index_folder
    from graphkit.analysis.incremental.index import FORMAT, FamilyIndex
    from graphkit.analysis.recycled import DetectParams
    from graphkit.testing.synth import generate

    corpus = generate(n_units=6, notices_per_unit=(1, 2), n_families=5, seed=4, with_text=True)
    recs = list(corpus.records)
    service.load_records(store, recs)
    path = index_folder(store) / "index.sqlite"
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE notice DROP COLUMN unit")
    db.execute("DROP INDEX item_row_rank")
    db.execute("DROP INDEX member_unit")
    db.execute("CREATE INDEX item_row ON item(kind, row)")
    db.execute("UPDATE meta SET v='3' WHERE k='format'")
    db.commit()
    db.close()
    units = dict(store.query("MATCH (u:Unit)-[:REPORTED]->(n:Notice) RETURN n.id AS n, u.id AS u").rows)
    # a copy upgraded with one notice unknown to the store: its unit is read from its items
    shutil.copytree(path.parent, tmp_path / "copy")
    idx = FamilyIndex.open(tmp_path / "copy", DetectParams())
    assert idx is not None and idx.format == "3"
    gone = recs[0].id
    idx.upgrade({n: u for n, u in units.items() if n != gone})
    assert dict(idx.db.execute("SELECT id, unit FROM notice").fetchall()) == units
    idx.close()
    # the update: a notice read anew as another unit's, with titles dropped
    old = next(r for r in recs if sum(o.unit == r.unit for o in recs) == 1)
    other = next(r.unit for r in recs if r.unit != old.unit)
    again = _retitled(old, 0).model_copy(update={"unit": other})
    report = service.load_records(store, [again])
    assert report.families is not None and report.families.incremental
    assert report.families.notices == (1, 1)
    db = sqlite3.connect(path)
    assert db.execute("SELECT v FROM meta WHERE k='format'").fetchone() == (FORMAT,) == ("5",)
    indexes = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"item_row_rank", "member_unit"} <= indexes and "item_row" not in indexes
    assert db.execute("SELECT count(*) FROM sqlite_stat1").fetchone()[0] > 0  # ANALYZE ran
    held = dict(db.execute("SELECT id, unit FROM notice").fetchall())
    db.close()
    units = dict(store.query("MATCH (u:Unit)-[:REPORTED]->(n:Notice) RETURN n.id AS n, u.id AS u").rows)
    assert held == units
    same_as_from_scratch(store)
