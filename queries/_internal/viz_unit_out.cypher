// name: _internal/viz_unit_out
// summary: 单位发出的关系 | the unit's own links: its notices, measures and roles
// params: name: str
// mode: read
// note: run by graphkit.present.viz.unit_graph (graphkit viz unit), 1st of its queries, whose answers are drawn in order
MATCH (u:Unit) WHERE u.name = $name
MATCH (u)-[r]->(x) RETURN u, r, x
