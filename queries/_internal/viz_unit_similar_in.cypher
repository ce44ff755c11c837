// name: _internal/viz_unit_similar_in
// summary: 指向单位措施的近似措施 | near-copies linked to the unit's measures from the other side
// params: name: str
// mode: read
// note: run by graphkit.present.viz.unit_graph (graphkit viz unit), 6th of its queries, whose answers are drawn in order
MATCH (u:Unit) WHERE u.name = $name
MATCH (u)-[:TOOK]->(m:Measure)<-[r:SIMILAR_TO]-(x:Measure) RETURN x, r, m
