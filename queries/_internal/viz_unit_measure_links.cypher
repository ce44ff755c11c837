// name: _internal/viz_unit_measure_links
// summary: 单位措施的关系 | the links of the unit's measures: issues, documents, families, near-copies
// params: name: str
// mode: read
// note: run by graphkit.present.viz.unit_graph (graphkit viz unit), 5th of its queries, whose answers are drawn in order
MATCH (u:Unit) WHERE u.name = $name
MATCH (u)-[:TOOK]->(m:Measure)-[r]->(x) RETURN m, r, x
