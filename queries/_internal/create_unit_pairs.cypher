// name: _internal/create_unit_pairs
// summary: 写入共用措施族的单位对 | store each pair of units sharing measure families, with how many
// params: rows: list
// mode: write
// note: run by graphkit.analysis.figures.refresh_figures; each row is {id, unit_a, unit_b, unit_a_id, unit_b_id, shared_families}; read by units/shared_measures
UNWIND $rows AS r
CREATE (:UnitPair {id: r.id, unit_a: r.unit_a, unit_b: r.unit_b, unit_a_id: r.unit_a_id,
                   unit_b_id: r.unit_b_id, shared_families: r.shared_families})
