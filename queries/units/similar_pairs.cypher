// name: units/similar_pairs
// summary: 近似措施对最多的单位对 | pairs of units with the most verified near-copy measure pairs (SIMILAR_TO)
// params: min_pairs: int = 1, limit: int = 50
// mode: read
// unit_a is the unit of the smaller id. The pairs are stored with the families (UnitSimilar,
// graphkit.analysis.figures): counting them per call joined every SIMILAR_TO pair to its units
// (0.6 s at 300k measures).
MATCH (p:UnitSimilar)
WHERE p.pairs >= $min_pairs
RETURN p.unit_a AS unit_a, p.unit_b AS unit_b, p.pairs AS pairs, p.best_score AS best_score
ORDER BY pairs DESC, unit_a, unit_b
LIMIT $limit
