// name: _internal/figures_create_unit_families
// summary: 写入单位内重复措施族记录 | store a UnitFamily record per unit and family of scope within-unit
// params: rows: list
// mode: write
// note: run by graphkit.analysis.figures.refresh_figures; each row is {id, unit_id, unit, family, issues, measures} (figures_unit_families); read by recycled/within_unit
UNWIND $rows AS r
CREATE (:UnitFamily {id: r.id, unit_id: r.unit_id, unit: r.unit, family: r.family, issues: r.issues,
                     measures: r.measures})
