// name: units/originality_rank
// summary: 某单位的原创度排名 | one unit's originality and its rank among all units (1 = most original)
// params: unit: str
// mode: read
// Same definition as units/originality. Ties share a rank; the comparison is exact
// (cross-multiplied counts, no floats), so both stores rank alike.
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
