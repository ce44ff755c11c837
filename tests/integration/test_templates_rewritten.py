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
