// name: _internal/unit_id_names
// summary: 全部单位的编号与名称 | every unit's id and name
// params: none
// mode: read
// note: run by graphkit.analysis.figures.refresh_figures, to name the units of each UnitPair
MATCH (u:Unit)
RETURN u.id AS id, u.name AS name
