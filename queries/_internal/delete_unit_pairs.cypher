// name: _internal/delete_unit_pairs
// summary: 删除单位对 | delete the UnitPair records of these units (every: all of them)
// params: every: bool, ids: list
// mode: write
// note: run by graphkit.analysis.figures.refresh_figures before create_unit_pairs, in its transaction
MATCH (p:UnitPair)
WHERE $every OR p.unit_a_id IN $ids OR p.unit_b_id IN $ids
DELETE p
