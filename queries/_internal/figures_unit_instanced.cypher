// name: _internal/figures_unit_instanced
// summary: 写入单位属于跨单位族的措施数 | store each unit's measures in a family of scope across-units (instanced; copied counts them too)
// params: every: bool, ids: list
// mode: write
// note: run by graphkit.analysis.figures.refresh_figures after figures_units (every: every unit; else the units of `ids`: those touched and those never counted), in its transaction; read by units/originality, units/originality_rank and recycled/by_level
MATCH (u:Unit)-[:TOOK]->(a:Measure)-[:INSTANCE_OF]->(t:MeasureTemplate)
WHERE ($every OR u.id IN $ids) AND t.scope = 'across-units'
WITH u, count(DISTINCT a) AS instanced
SET u.instanced = instanced, u.copied = instanced
