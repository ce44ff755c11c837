// name: _internal/figures_clear_unit_similar
// summary: 删除近似措施单位对记录 | delete the UnitSimilar records with one of these units (every: all of them)
// params: every: bool, ids: list
// mode: write
// note: run by graphkit.analysis.figures.refresh_figures before figures_create_unit_similar, in its transaction
MATCH (r:UnitSimilar)
WHERE $every OR r.unit_a_id IN $ids OR r.unit_b_id IN $ids
DELETE r
