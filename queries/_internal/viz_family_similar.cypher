// name: _internal/viz_family_similar
// summary: 成员措施间的近似关系 | the near-copy links between members of one family
// params: min_units: int = 1, family: str = '', kind: str = 'all', scope: str = 'all'
// mode: read
// note: run by graphkit.present.viz.families_graph (graphkit viz recycled), 4th of its queries, whose answers are drawn in order; family '' is every family
MATCH (t:MeasureTemplate) WHERE t.n_units >= $min_units AND ($family = '' OR t.id = $family)
AND ($kind = 'all' OR t.kind = $kind) AND ($scope = 'all' OR t.scope = $scope)
MATCH (a:Measure)-[:INSTANCE_OF]->(t) MATCH (a)-[r:SIMILAR_TO]->(b:Measure)
MATCH (b)-[:INSTANCE_OF]->(t) RETURN a, r, b
