// name: _internal/figures_unit_similar
// summary: 写入单位被照抄的措施数 | add to each unit's copied measures those in a SIMILAR_TO pair of scope across-units and in no across-units family
// params: every: bool, ids: list
// mode: write
// copied = instanced + similar - both (the measures in either), as units/originality counted it.
// note: run by graphkit.analysis.figures.refresh_figures after figures_units (every: every unit; else the units of `ids`: those touched and those never counted), in its transaction; read by units/originality and units/originality_rank
MATCH (u:Unit)-[:TOOK]->(b:Measure)-[s:SIMILAR_TO]-(:Measure)
WHERE ($every OR u.id IN $ids) AND s.scope = 'across-units'
WITH DISTINCT u, b
OPTIONAL MATCH (b)-[:INSTANCE_OF]->(t:MeasureTemplate)
WHERE t.scope = 'across-units'
WITH u, b, count(t) AS families
WHERE families = 0
WITH u, count(b) AS similar_only
SET u.copied = u.instanced + similar_only
