// name: _internal/panel_similar
// summary: 面板：措施间的近似关系 | panel: every SIMILAR_TO pair of measures with its scope
// params: none
// mode: read
// note: run by graphkit.service.panel (graphkit export --format panel)
MATCH (a:Measure)-[s:SIMILAR_TO]->(b:Measure)
RETURN a.id AS a, b.id AS b, s.scope AS scope
