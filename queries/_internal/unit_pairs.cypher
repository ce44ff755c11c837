// name: _internal/unit_pairs
// summary: 已存的单位对 | the stored UnitPair records and their counts
// params: none
// mode: read
// note: run by graphkit.analysis.figures.refresh_figures, to write only the pairs whose count changed
MATCH (p:UnitPair)
RETURN p.id AS id, p.unit_a_id AS a, p.unit_b_id AS b, p.shared_families AS shared
