// name: _internal/figures_pairs_of_units
// summary: 若干单位所在的单位对 | the stored UnitPair records with one of these units, and their counts
// params: ids: list
// mode: read
// note: run by graphkit.analysis.figures.refresh_figures(store, units=…) when it touched too many units to look their pairs up by id (it reads every UnitPair's two ids)
MATCH (p:UnitPair)
WHERE p.unit_a_id IN $ids OR p.unit_b_id IN $ids
RETURN p.id AS id, p.unit_a_id AS a, p.unit_b_id AS b, p.shared_families AS shared
