// name: _internal/figures_unit_levels
// summary: 单位的层级、机构类型与数字 | every unit's level, kind of body and figures, to total them per level and kind of body
// params: none
// mode: read
// note: run by graphkit.analysis.figures.refresh_figures after the units' figures are written
MATCH (u:Unit)
RETURN u.id AS id, u.level AS level, u.body_kind AS body_kind, u.measures AS measures,
       u.instanced AS instanced, u.level_units IS NOT NULL AS holds
