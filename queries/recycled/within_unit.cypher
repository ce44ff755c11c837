// name: recycled/within_unit
// summary: 单位内跨问题重复使用的措施 | measures a unit reuses across its own issues (families of scope within-unit)
// params: unit: str = '', limit: int = 100
// mode: read
MATCH (u:Unit)-[:TOOK]->(m:Measure)-[:INSTANCE_OF]->(t:MeasureTemplate)
WHERE t.scope = 'within-unit' AND ($unit = '' OR u.name = $unit OR $unit IN u.aliases)
MATCH (m)-[:ADDRESSES]->(i:Issue)
WITH u, t, count(DISTINCT i) AS issues, count(DISTINCT m) AS measures
RETURN u.name AS unit, t.id AS family, t.text AS text, issues, measures
ORDER BY issues DESC, measures DESC, unit, family
LIMIT $limit
