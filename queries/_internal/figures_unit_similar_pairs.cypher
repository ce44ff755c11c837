// name: _internal/figures_unit_similar_pairs
// summary: 近似措施对的单位对 | pairs of units with verified near-copy measure pairs (SIMILAR_TO), how many and the best score (every pair, or those with one of these units)
// params: every: bool, ids: list
// mode: read
// The aggregation units/similar_pairs did per call. a is the unit of the smaller id; anchored on
// one end at a time (a, then b: an OR of both would read every pair); a pair of two named
// units comes twice, with the same figures.
// note: run by graphkit.analysis.figures.refresh_figures (every: every pair; else the pairs of the units of `ids`: those touched and those never counted); its rows are written by figures_create_unit_similar; read by units/similar_pairs
MATCH (a:Unit)-[:TOOK]->(x:Measure)-[s:SIMILAR_TO]-(y:Measure)<-[:TOOK]-(b:Unit)
WHERE ($every OR a.id IN $ids) AND a.id < b.id
WITH a, b, count(DISTINCT s) AS pairs, max(s.score) AS best_score
RETURN a.id AS a, b.id AS b, a.name AS unit_a, b.name AS unit_b, pairs, best_score
UNION ALL
MATCH (b:Unit)-[:TOOK]->(y:Measure)-[s:SIMILAR_TO]-(x:Measure)<-[:TOOK]-(a:Unit)
WHERE NOT $every AND b.id IN $ids AND a.id < b.id
WITH a, b, count(DISTINCT s) AS pairs, max(s.score) AS best_score
RETURN a.id AS a, b.id AS b, a.name AS unit_a, b.name AS unit_b, pairs, best_score
