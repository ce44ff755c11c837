// name: _internal/figures_unit_family_ids
// summary: 单位措施所属的族 | the families each unit's measures are in (for its family_ids: every unit, or these)
// params: every: bool, ids: list
// mode: read
// One row per unit and family: graphkit.analysis.figures writes each unit's sorted list with set_unit_family_ids (a list collected in Cypher comes in each store's own order, and the list is a property the graph templates answer with).
// note: run by graphkit.analysis.figures.refresh_figures after figures_units (every: every unit; else the units of `ids`: those touched, those never counted and the units of the families or documents counted), before its transaction
MATCH (u:Unit)-[:TOOK]->(:Measure)-[:INSTANCE_OF]->(t:MeasureTemplate)
WHERE $every OR u.id IN $ids
RETURN DISTINCT u.id AS unit, t.id AS id
