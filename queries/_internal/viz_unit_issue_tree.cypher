// name: _internal/viz_unit_issue_tree
// summary: 单位通报的问题树 | the issue trees of the unit's notices
// params: name: str
// mode: read
// note: run by graphkit.present.viz.unit_graph (graphkit viz unit), 4th of its queries, whose answers are drawn in order
MATCH (u:Unit) WHERE u.name = $name
MATCH (u)-[:REPORTED]->(n:Notice) MATCH (a:Issue)-[r:HAS_SUBISSUE]->(b:Issue)
WHERE a.notice_id = n.id RETURN a, r, b
