"""Templates rewritten for speed (issue 16 item 4) answer exactly as the plain queries they replaced.

The plain queries (whole-graph aggregation with per-measure EXISTS, as the templates were) are
kept here as the reference; on both stores, over the test records, the bundled sample notices
and the shared corpus with families made by detection, every parameter set of each rewritten
template must give the same rows in the same order as its reference.
"""

from __future__ import annotations

from typing import Any

import pytest
from template_data import build_detected
from test_templates_parity import _extra_records, _same, param_sets

from graphkit.templates import load_templates

TEMPLATES = load_templates()

REFERENCE: dict[str, str] = {
    "units/originality": """
MATCH (u:Unit)-[:TOOK]->(m:Measure)
WITH u, m,
     EXISTS { MATCH (m)-[:INSTANCE_OF]->(t:MeasureTemplate) WHERE t.scope = 'across-units' }
     OR EXISTS { MATCH (m)-[s:SIMILAR_TO]-(:Measure) WHERE s.scope = 'across-units' } AS copied
WITH u, count(m) AS measures, count(CASE WHEN copied THEN 1 END) AS copied
RETURN u.name AS unit, measures, copied, measures - copied AS original,
       1.0 * (measures - copied) / measures AS originality
ORDER BY originality DESC, measures DESC, unit
LIMIT $limit
""",
    "units/originality_rank": """
MATCH (u:Unit)
WHERE u.name = $unit OR $unit IN u.aliases
MATCH (u)-[:TOOK]->(m:Measure)
WITH u, m,
     EXISTS { MATCH (m)-[:INSTANCE_OF]->(t:MeasureTemplate) WHERE t.scope = 'across-units' }
     OR EXISTS { MATCH (m)-[s:SIMILAR_TO]-(:Measure) WHERE s.scope = 'across-units' } AS copied
WITH u, count(m) AS measures, count(CASE WHEN copied THEN 1 END) AS copied
MATCH (v:Unit)-[:TOOK]->(vm:Measure)
WITH u, measures, copied, v, vm,
     EXISTS { MATCH (vm)-[:INSTANCE_OF]->(t:MeasureTemplate) WHERE t.scope = 'across-units' }
     OR EXISTS { MATCH (vm)-[s:SIMILAR_TO]-(:Measure) WHERE s.scope = 'across-units' } AS vcopied
WITH u, measures, copied, v, count(vm) AS v_measures, count(CASE WHEN vcopied THEN 1 END) AS v_copied
WITH u, measures, copied, count(v) AS units,
     count(CASE WHEN (v_measures - v_copied) * measures > (measures - copied) * v_measures THEN 1 END) AS ahead
RETURN u.name AS unit, measures, copied, 1.0 * (measures - copied) / measures AS originality,
       ahead + 1 AS rank, units
ORDER BY unit
""",
    "documents/most_issued": """
MATCH (u:Unit)-[:TOOK]->(m:Measure)-[:ISSUED|CITES]->(d:Document)
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
    "units/shared_measures": """
MATCH (a:Unit)-[:TOOK]->(:Measure)-[:INSTANCE_OF]->(t:MeasureTemplate)<-[:INSTANCE_OF]-(:Measure)<-[:TOOK]-(b:Unit)
WHERE a.id < b.id AND t.kind = 'measure'
WITH a, b, count(DISTINCT t) AS shared_families
WHERE shared_families >= $min_shared
RETURN a.name AS unit_a, b.name AS unit_b, shared_families
ORDER BY shared_families DESC, unit_a, unit_b
LIMIT $limit
""",
    "units/from_earlier_notices": """
MATCH (u:Unit)-[:TOOK]->(m:Measure)-[:INSTANCE_OF]->(t:MeasureTemplate)
WHERE t.kind = 'measure' AND t.scope = 'across-notices'
  AND ($unit = '' OR u.name = $unit OR $unit IN u.aliases)
MATCH (u)-[:REPORTED]->(n:Notice)
WHERE n.id = m.notice_id AND coalesce(n.date, n.published) IS NOT NULL
WITH u, t, min(coalesce(n.date, n.published)) AS first
MATCH (u)-[:TOOK]->(later:Measure)-[:INSTANCE_OF]->(t)
MATCH (u)-[:REPORTED]->(ln:Notice)
WHERE ln.id = later.notice_id AND coalesce(ln.date, ln.published) > first
WITH u, count(DISTINCT later) AS taken, count(DISTINCT t) AS families, count(DISTINCT ln) AS notices
MATCH (u)-[:TOOK]->(own:Measure)
WITH u, taken, families, notices, count(own) AS measures
RETURN u.name AS unit, taken, families, notices, measures, 1.0 * taken / measures AS taken_share
ORDER BY taken DESC, taken_share DESC, unit
LIMIT $limit
""",
    "recycled/by_level": """
MATCH (u:Unit)-[:TOOK]->(m:Measure)
OPTIONAL MATCH (m)-[:INSTANCE_OF]->(t:MeasureTemplate)
WHERE t.scope = 'across-units'
WITH u, m, count(t) AS in_families
WITH u.level AS level, u.body_kind AS body_kind, count(DISTINCT u) AS units, count(m) AS measures,
     count(CASE WHEN in_families > 0 THEN 1 END) AS copied
RETURN level, body_kind, units, measures, copied, 1.0 * copied / measures AS copied_share
ORDER BY CASE level WHEN 'central' THEN 1 WHEN 'provincial' THEN 2 WHEN 'city' THEN 3
         WHEN 'county' THEN 4 WHEN 'township' THEN 5 WHEN 'village' THEN 6 ELSE 7 END,
         level, body_kind
LIMIT $limit
""",
    "issues/measures": """
MATCH (u:Unit)-[:REPORTED]->(n:Notice)-[:HAS_ISSUE]->(:Issue)-[:HAS_SUBISSUE*0..8]->(i:Issue)
WHERE i.title CONTAINS $issue AND ($unit = '' OR u.name = $unit OR $unit IN u.aliases)
MATCH (i)-[:HAS_SUBISSUE*0..8]->(j:Issue)<-[:ADDRESSES]-(m:Measure)
WITH DISTINCT u, n, i, j, m
RETURN u.name AS unit, n.id AS notice, i.path AS issue_path, i.title AS issue, j.path AS path, j.title AS answers,
       m.label AS label, m.text AS measure, m.status AS status, m.deadline AS deadline, m.kind AS kind
ORDER BY unit, notice, issue_path, path, m.ord
LIMIT $limit
""",
}


@pytest.fixture(scope="module")
def extra_records() -> list[Any]:
    return _extra_records()


def test_rewritten_templates_answer_as_their_reference(store: Any, extra_records: list[Any]) -> None:
    report = build_detected(store, extra_records)
    assert report.families.get("measure/across-units", 0) > 0
    answered = set()
    for name, reference in REFERENCE.items():
        t = TEMPLATES[name]
        assert t.cypher.strip() != reference.strip(), name  # the template is the rewritten one
        for values in param_sets(name):
            params = t.bind(values)
            want = store.query(reference, params)
            got = store.query(t.cypher, params)
            assert got.columns == want.columns, name
            assert len(got.rows) == len(want.rows), (name, values)
            for a, b in zip(got.rows, want.rows, strict=True):
                assert _same(a, b), (name, values, a, b)
            if want.rows:
                answered.add(name)
    assert answered == set(REFERENCE)  # every reference had rows to compare
