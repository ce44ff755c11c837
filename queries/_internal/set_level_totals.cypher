// name: _internal/set_level_totals
// summary: 写入各层级与机构类型的合计 | store the totals of each level and kind of body on the unit that holds them
// params: rows: list
// mode: write
// note: run by graphkit.analysis.figures.refresh_figures; each row is {id, units, measures, instanced}; read by recycled/by_level
UNWIND $rows AS r
MATCH (u:Unit {id: r.id})
SET u.level_units = r.units, u.level_measures = r.measures, u.level_instanced = r.instanced
