// name: units/shared_measures
// summary: 共用整改措施最多的单位对 | pairs of units sharing the most measure families (common MeasureTemplate)
// params: min_shared: int = 1, limit: int = 50
// mode: read
// unit_a is the unit of the smaller id. Each unit's stored shared_with lists the other unit of
// each such pair once per measure family both are in (graphkit.analysis.figures, written with
// the families).
MATCH (a:Unit)
UNWIND a.shared_with AS unit_b
WITH a.name AS unit_a, unit_b, count(*) AS shared_families
WHERE shared_families >= $min_shared
RETURN unit_a, unit_b, shared_families
ORDER BY shared_families DESC, unit_a, unit_b
LIMIT $limit
