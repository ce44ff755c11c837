// name: _internal/figures_unit_families
// summary: 单位内重复使用的措施族 | each unit's members of families of scope within-unit: how many, and the issues they answer (every unit, or these)
// params: every: bool, ids: list
// mode: read
// The aggregation recycled/within_unit did per call. Written from the families of that scope
// (Neo4j starts from them by the index on scope: 300k measures, every unit 4.5 -> 2.6 s, one unit
// 474 -> 151 ms; LadybugDB one unit 21 -> 8 ms, every unit 0.60 -> 0.74 s).
// note: run by graphkit.analysis.figures.refresh_figures (every: every unit; else the units of `ids`: those touched and those never counted); its rows are written by figures_create_unit_families; read by recycled/within_unit
MATCH (t:MeasureTemplate)
WHERE t.scope = 'within-unit'
MATCH (u:Unit)-[:TOOK]->(m:Measure)-[:INSTANCE_OF]->(t)
WHERE $every OR u.id IN $ids
MATCH (m)-[:ADDRESSES]->(i:Issue)
WITH u, t, count(DISTINCT i) AS issues, count(DISTINCT m) AS measures
RETURN u.id AS unit_id, u.name AS unit, t.id AS family, issues, measures
