// name: _internal/viz_family_measure_units
// summary: 采用成员措施的单位 | the units that took the families' member measures
// params: min_units: int = 1, family: str = '', kind: str = 'all', scope: str = 'all'
// mode: read
// note: run by graphkit.present.viz.families_graph (graphkit viz recycled), 2nd of its queries, whose answers are drawn in order; family '' is every family
MATCH (t:MeasureTemplate) WHERE t.n_units >= $min_units AND ($family = '' OR t.id = $family)
AND ($kind = 'all' OR t.kind = $kind) AND ($scope = 'all' OR t.scope = $scope)
MATCH (m:Measure)-[:INSTANCE_OF]->(t) MATCH (u:Unit)-[r:TOOK]->(m) RETURN u, r, m
