// name: units/shared_measures
// summary: 共用整改措施最多的单位对 | pairs of units sharing the most measure families (common MeasureTemplate)
// params: min_shared: int = 1, limit: int = 50
// mode: read
MATCH (t:MeasureTemplate)<-[:INSTANCE_OF]-(:Measure)<-[:TOOK]-(a:Unit)
WHERE t.kind = 'measure'
WITH DISTINCT t, a
MATCH (t)<-[:INSTANCE_OF]-(:Measure)<-[:TOOK]-(b:Unit)
WHERE a.id < b.id
WITH a, b, count(DISTINCT t) AS shared_families
WHERE shared_families >= $min_shared
RETURN a.name AS unit_a, b.name AS unit_b, shared_families
ORDER BY shared_families DESC, unit_a, unit_b
LIMIT $limit
