// name: units/originality_rank
// summary: 某单位的原创度排名 | one unit's originality and its rank among all units (1 = most original)
// params: unit: str
// mode: read
// Same definition as units/originality. Ties share a rank; the comparison is exact
// (cross-multiplied counts, no floats), so both stores rank alike.
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
