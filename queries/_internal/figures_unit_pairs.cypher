// name: _internal/figures_unit_pairs
// summary: 写入单位共用的措施族 | store, on each unit, the name of each unit of greater id once per measure family both are in
// params: every: bool, ids: list
// mode: write
// note: run by graphkit.analysis.figures.refresh_figures (every: every unit; else the units of `ids`, and units never counted); read by units/shared_measures
MATCH (a:Unit)
WHERE $every OR a.id IN $ids OR a.shared_with IS NULL
OPTIONAL MATCH (a)-[:TOOK]->(:Measure)-[:INSTANCE_OF]->(t:MeasureTemplate)
WHERE t.kind = 'measure'
WITH DISTINCT a, t
OPTIONAL MATCH (t)<-[:INSTANCE_OF]-(:Measure)<-[:TOOK]-(b:Unit)
WHERE a.id < b.id
WITH DISTINCT a, t, b.name AS other
WITH a, collect(other) AS shared
SET a.shared_with = shared
