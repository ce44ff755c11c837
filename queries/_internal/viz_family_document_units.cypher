// name: _internal/viz_family_document_units
// summary: 这些措施的单位 | the units that took those measures
// params: min_units: int = 1, family: str = '', kind: str = 'all', scope: str = 'all'
// mode: read
// note: run by graphkit.present.viz.families_graph (graphkit viz recycled), 6th of its queries, whose answers are drawn in order; family '' is every family
MATCH (t:MeasureTemplate) WHERE t.n_units >= $min_units AND ($family = '' OR t.id = $family)
AND ($kind = 'all' OR t.kind = $kind) AND ($scope = 'all' OR t.scope = $scope)
MATCH (d:Document)-[:INSTANCE_OF]->(t) MATCH (m:Measure)-[]->(d) MATCH (u:Unit)-[r:TOOK]->(m)
RETURN u, r, m
