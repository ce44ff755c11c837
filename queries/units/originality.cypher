// name: units/originality
// summary: 各单位整改措施原创度排名 | units ranked by originality: the share of their measures in no across-units family
// params: limit: int = 500
// mode: read
// A measure is copied when it is an instance of a MeasureTemplate of scope across-units or has a
// SIMILAR_TO pair of scope across-units; originality = uncopied measures / measures.
MATCH (u:Unit)-[:TOOK]->(m:Measure)
WITH u, m,
     EXISTS { MATCH (m)-[:INSTANCE_OF]->(t:MeasureTemplate) WHERE t.scope = 'across-units' }
     OR EXISTS { MATCH (m)-[s:SIMILAR_TO]-(:Measure) WHERE s.scope = 'across-units' } AS copied
WITH u, count(m) AS measures, count(CASE WHEN copied THEN 1 END) AS copied
RETURN u.name AS unit, measures, copied, measures - copied AS original,
       1.0 * (measures - copied) / measures AS originality
ORDER BY originality DESC, measures DESC, unit
LIMIT $limit
