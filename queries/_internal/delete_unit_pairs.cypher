// name: _internal/delete_unit_pairs
// summary: 删除单位对 | delete these UnitPair records (by id)
// params: ids: list
// mode: write
// note: run by graphkit.analysis.figures.refresh_figures for the pairs whose count changed or that share no family any more, before create_unit_pairs, in its transaction
MATCH (p:UnitPair)
WHERE p.id IN $ids
DELETE p
