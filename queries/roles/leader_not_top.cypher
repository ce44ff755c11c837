// name: roles/leader_not_top
// summary: 整改领导小组组长不是“一把手”的单位 | units whose 组长 is not the top leader (书记)
// params: limit: int = 500
// mode: read
// The top leader's position names a 书记 that is neither a 副书记 nor a 纪委/纪工委书记:
// 县委书记, 厅党组书记、厅长, 党委书记 are top; 县委副书记、县长, 县纪委书记, 厅长 are not.
// A 组长 without a stated position is left out (nothing to judge). A unit that is itself a
// 纪委 would be misjudged; none is in the corpus.
MATCH (u:Unit)-[:HAS_ROLE]->(r:Role)-[:LEADS]->(n:Notice)
WHERE r.role = '组长' AND r.position IS NOT NULL
  AND NOT replace(replace(replace(r.position, '副书记', ''), '纪委书记', ''), '纪工委书记', '') CONTAINS '书记'
RETURN u.name AS unit, n.id AS notice, r.position AS position, r.person AS person
ORDER BY unit, notice, position, person
LIMIT $limit
