// name: _internal/viz_unit_role_persons
// summary: 担任单位职责的人员 | the persons who hold the unit's roles
// params: name: str
// mode: read
// note: run by graphkit.present.viz.unit_graph (graphkit viz unit), 9th of its queries, whose answers are drawn in order
MATCH (u:Unit) WHERE u.name = $name
MATCH (u)-[:HAS_ROLE]->(ro:Role)<-[r]-(p:Person) RETURN p, r, ro
