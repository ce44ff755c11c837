// name: _internal/clear_level_totals
// summary: 清除单位上不再适用的层级合计 | clear the level totals of these units (they no longer hold their group's)
// params: ids: list
// mode: write
// note: run by graphkit.analysis.figures.refresh_figures, before set_level_totals
MATCH (u:Unit)
WHERE u.id IN $ids
SET u.level_units = NULL, u.level_measures = NULL, u.level_instanced = NULL
