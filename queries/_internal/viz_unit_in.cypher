// name: _internal/viz_unit_in
// summary: 指向单位的关系 | the links that end at the unit: its inspections and persons
// params: name: str
// mode: read
// note: run by graphkit.present.viz.unit_graph (graphkit viz unit), 2nd of its queries, whose answers are drawn in order
MATCH (u:Unit) WHERE u.name = $name
MATCH (x)-[r]->(u) RETURN x, r, u
