// name: _internal/figures_unit_family_ids
// summary: 写入单位措施所属的族 | store the families each unit's measures are in (family_ids)
// params: every: bool, ids: list
// mode: write
// In each store's order: a later refresh reads it to find the families the unit's measures left.
// note: run by graphkit.analysis.figures.refresh_figures after figures_units (every: every unit; else the units of `ids`: those touched, those never counted and the units of the families or documents counted), in its transaction
MATCH (u:Unit)-[:TOOK]->(:Measure)-[:INSTANCE_OF]->(t:MeasureTemplate)
WHERE $every OR u.id IN $ids
WITH u, collect(DISTINCT t.id) AS families
SET u.family_ids = families
