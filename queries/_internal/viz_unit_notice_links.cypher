// name: _internal/viz_unit_notice_links
// summary: 单位通报的关系 | the links of the unit's notices: inspections, issues, families
// params: name: str
// mode: read
// note: run by graphkit.present.viz.unit_graph (graphkit viz unit), 3rd of its queries, whose answers are drawn in order
MATCH (u:Unit) WHERE u.name = $name
MATCH (u)-[:REPORTED]->(n:Notice)-[r]->(x) RETURN n, r, x
