// name: _internal/figures_create_unit_similar
// summary: 写入近似措施单位对记录 | store a UnitSimilar record per pair of units with near-copy measure pairs
// params: rows: list
// mode: write
// note: run by graphkit.analysis.figures.refresh_figures; each row is {id, unit_a, unit_b, unit_a_id, unit_b_id, pairs, best_score} (figures_unit_similar_pairs); read by units/similar_pairs
UNWIND $rows AS r
CREATE (:UnitSimilar {id: r.id, unit_a: r.unit_a, unit_b: r.unit_b, unit_a_id: r.unit_a_id,
                      unit_b_id: r.unit_b_id, pairs: r.pairs, best_score: r.best_score})
