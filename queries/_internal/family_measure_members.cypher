// name: _internal/family_measure_members
// summary: 措施族的成员措施 | stored families whose members are measures (kinds measure, headline), one row per member
// params: kind: str, scope: str = 'all', min_units: int = 1
// mode: read
// note: run by graphkit.analysis.family_read.read_families
MATCH (t:MeasureTemplate) WHERE t.kind = $kind AND ($scope = 'all' OR t.scope = $scope)
AND t.n_units >= $min_units
MATCH (m:Measure)-[r:INSTANCE_OF]->(t) MATCH (u:Unit)-[:TOOK]->(m)
RETURN t.id AS fid, t.text AS ftext, t.scope AS fscope, t.size AS fsize, t.n_units AS fn,
m.id AS mid, u.name AS unit, m.notice_id AS notice, m.issue_id AS issue, r.text AS mtext
ORDER BY fn DESC, fsize DESC, fid, unit, mid
