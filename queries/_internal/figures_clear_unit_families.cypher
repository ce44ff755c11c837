// name: _internal/figures_clear_unit_families
// summary: 删除单位内重复措施族记录 | delete the UnitFamily records of these units (every: all of them)
// params: every: bool, ids: list
// mode: write
// note: run by graphkit.analysis.figures.refresh_figures before figures_create_unit_families, in its transaction
MATCH (r:UnitFamily)
WHERE $every OR r.unit_id IN $ids
DELETE r
