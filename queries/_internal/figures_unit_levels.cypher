// name: _internal/figures_unit_levels
// summary: 单位的层级、机构类型与数字 | every unit's level, kind of body and figures, to total them per level and kind of body
// params: none
// mode: read
// Totalled by the store, one row per group: a unit with no measure is in no group
// (recycled/by_level matches its measures); the group's node is its unit of smallest id.
// LadybugDB's sum() of integers answers a 128-bit Decimal: the caller makes it an int.
// note: run by graphkit.analysis.figures.refresh_figures after the units' figures are written
MATCH (u:Unit)
WHERE u.measures > 0
RETURN u.level AS level, u.body_kind AS body_kind, min(u.id) AS id, count(u) AS units,
       sum(u.measures) AS measures, sum(coalesce(u.instanced, 0)) AS instanced
