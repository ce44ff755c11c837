// name: _internal/figures_unit_names
// summary: 若干单位的名称 | these units' names (each found by its id)
// params: ids: list
// mode: read
// note: run by graphkit.analysis.figures.refresh_figures(store, units=…), to name the units of the UnitPair records it writes
UNWIND $ids AS id
MATCH (u:Unit {id: id})
RETURN u.id AS id, u.name AS name
