// name: _internal/viz_unit_similar_units
// summary: 采用近似措施的其他单位 | the other units that took near-copies of the unit's measures
// params: name: str
// mode: read
// note: run by graphkit.present.viz.unit_graph (graphkit viz unit), 7th of its queries, whose answers are drawn in order
MATCH (u:Unit) WHERE u.name = $name
MATCH (u)-[:TOOK]->(m:Measure)-[:SIMILAR_TO]-(x:Measure) MATCH (o:Unit)-[r:TOOK]->(x)
WHERE o.name <> $name RETURN o, r, x
