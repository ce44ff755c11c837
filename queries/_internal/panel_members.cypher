// name: _internal/panel_members
// summary: 面板：措施所属的族 | panel: each measure's families (INSTANCE_OF) with their kind and scope
// params: none
// mode: read
// note: run by graphkit.service.panel (graphkit export --format panel)
MATCH (m:Measure)-[:INSTANCE_OF]->(t:MeasureTemplate)
RETURN m.id AS measure, t.id AS family, t.kind AS kind, t.scope AS scope
