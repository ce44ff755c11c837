// name: _internal/figures_pairs_by_id
// summary: 若干单位对 | the stored UnitPair records of these ids and their counts (each found by its id)
// params: ids: list
// mode: read
// note: run by graphkit.analysis.figures.refresh_figures(store, units=…): the pairs its units may have been or be in, to write only those whose count changed
UNWIND $ids AS id
MATCH (p:UnitPair {id: id})
RETURN p.id AS id, p.unit_a_id AS a, p.unit_b_id AS b, p.shared_families AS shared
