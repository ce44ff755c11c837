// name: graphs/unit_rectification
// summary: 单位整改图：通报、问题树与措施 | a unit's rectification as a graph: notices, the issue tree and the measures (for `graphkit viz query`)
// params: unit: str, limit: int = 400
// mode: read
MATCH (u:Unit)-[r1:REPORTED]->(n:Notice)
WHERE u.name = $unit OR $unit IN u.aliases
MATCH (i:Issue)
WHERE i.notice_id = n.id
OPTIONAL MATCH (p:Issue)-[r2:HAS_SUBISSUE]->(i)
OPTIONAL MATCH (n)-[r3:HAS_ISSUE]->(i)
OPTIONAL MATCH (m:Measure)-[r4:ADDRESSES]->(i)
RETURN u, r1, n, r3, p, r2, i, r4, m
ORDER BY n.id, i.ord, m.ord
LIMIT $limit
