// name: _internal/set_unit_ids
// summary: 写入族的单位列表 | store each family's units (sorted ids)
// params: rows: list
// mode: write
// note: run by graphkit.analysis.figures.refresh_figures after figures_families, in its transaction; each row is {id, units}
UNWIND $rows AS r
MATCH (t:MeasureTemplate {id: r.id})
SET t.unit_ids = r.units
