// name: units/shared_measures
// summary: 共用整改措施最多的单位对 | pairs of units sharing the most measure families (common MeasureTemplate)
// params: min_shared: int = 1, limit: int = 50
// mode: read
// unit_a is the unit of the smaller id. The pairs are stored with the families (UnitPair,
// graphkit.analysis.figures).
MATCH (p:UnitPair)
WHERE p.shared_families >= $min_shared
RETURN p.unit_a AS unit_a, p.unit_b AS unit_b, p.shared_families AS shared_families
ORDER BY shared_families DESC, unit_a, unit_b
LIMIT $limit
