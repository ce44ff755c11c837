// name: units/similar_pairs
// summary: 近似措施对最多的单位对 | pairs of units with the most verified near-copy measure pairs (SIMILAR_TO)
// params: min_pairs: int = 1, limit: int = 50
// mode: read
MATCH (a:Unit)-[:TOOK]->(x:Measure)-[s:SIMILAR_TO]-(y:Measure)<-[:TOOK]-(b:Unit)
WHERE a.id < b.id
WITH a, b, count(DISTINCT s) AS pairs, max(s.score) AS best_score
WHERE pairs >= $min_pairs
RETURN a.name AS unit_a, b.name AS unit_b, pairs, best_score
ORDER BY pairs DESC, unit_a, unit_b
LIMIT $limit
