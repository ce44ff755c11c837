// name: _internal/viz_family_members
// summary: 族及其成员 | the families and their members (measures, documents, notices)
// params: min_units: int = 1, family: str = '', kind: str = 'all', scope: str = 'all'
// mode: read
// note: run by graphkit.present.viz.families_graph (graphkit viz recycled), 1st of its queries, whose answers are drawn in order; family '' is every family
MATCH (t:MeasureTemplate) WHERE t.n_units >= $min_units AND ($family = '' OR t.id = $family)
AND ($kind = 'all' OR t.kind = $kind) AND ($scope = 'all' OR t.scope = $scope)
MATCH (x)-[r:INSTANCE_OF]->(t) RETURN x, r, t
