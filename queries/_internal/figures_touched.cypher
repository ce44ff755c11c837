// name: _internal/figures_touched
// summary: 需重算数字的族与文件 | the families and documents whose figures these units' changes may have changed
// params: units: list
// mode: read
// note: run by graphkit.analysis.figures.refresh_figures(store, units=…): families and documents a unit's measures belong to now, or did when last counted (their unit_ids), and those never counted
MATCH (t:MeasureTemplate) WHERE t.members IS NULL RETURN 'family' AS what, t.id AS id
UNION ALL
MATCH (t:MeasureTemplate) UNWIND t.unit_ids AS x WITH t, x WHERE x IN $units RETURN 'family' AS what, t.id AS id
UNION ALL
MATCH (u:Unit)-[:TOOK]->(:Measure)-[:INSTANCE_OF]->(t:MeasureTemplate) WHERE u.id IN $units
RETURN DISTINCT 'family' AS what, t.id AS id
UNION ALL
MATCH (d:Document) WHERE d.units IS NULL RETURN 'document' AS what, d.id AS id
UNION ALL
MATCH (d:Document) UNWIND d.unit_ids AS x WITH d, x WHERE x IN $units RETURN 'document' AS what, d.id AS id
UNION ALL
MATCH (u:Unit)-[:TOOK]->(:Measure)-[:ISSUED|CITES]->(d:Document) WHERE u.id IN $units
RETURN DISTINCT 'document' AS what, d.id AS id
