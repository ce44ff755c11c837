// name: _internal/viz_unit_role_links
// summary: 单位职责的关系 | the links of the unit's roles: the notices they lead
// params: name: str
// mode: read
// note: run by graphkit.present.viz.unit_graph (graphkit viz unit), 8th of its queries, whose answers are drawn in order
MATCH (u:Unit) WHERE u.name = $name
MATCH (u)-[:HAS_ROLE]->(ro:Role)-[r]->(x) RETURN ro, r, x
