// name: _internal/viz_family_notice_units
// summary: 发布成员通报的单位 | the units that reported the families' member notices
// params: min_units: int = 1, family: str = '', kind: str = 'all', scope: str = 'all'
// mode: read
// note: run by graphkit.present.viz.families_graph (graphkit viz recycled), 7th of its queries, whose answers are drawn in order; family '' is every family
MATCH (t:MeasureTemplate) WHERE t.n_units >= $min_units AND ($family = '' OR t.id = $family)
AND ($kind = 'all' OR t.kind = $kind) AND ($scope = 'all' OR t.scope = $scope)
MATCH (n:Notice)-[:INSTANCE_OF]->(t) MATCH (u:Unit)-[r:REPORTED]->(n) RETURN u, r, n
