// name: units/originality
// summary: 各单位整改措施原创度排名 | units ranked by originality: the share of their measures in no across-units family
// params: limit: int = 500
// mode: read
// A measure is copied when it is an instance of a MeasureTemplate of scope across-units or has a
// SIMILAR_TO pair of scope across-units; originality = uncopied measures / measures.
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
