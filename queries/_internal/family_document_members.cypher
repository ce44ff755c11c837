// name: _internal/family_document_members
// summary: 文件族的成员文件 | stored families whose members are documents, one row per member and unit of a measure naming it
// params: kind: str, scope: str = 'all', min_units: int = 1
// mode: read
// note: run by graphkit.analysis.family_read.read_families (kind document, with _internal/family_notice_members); a Document stands for its title in every notice, so each measure naming it is one member (the measure's id)
MATCH (t:MeasureTemplate) WHERE t.kind = $kind AND ($scope = 'all' OR t.scope = $scope)
AND t.n_units >= $min_units
MATCH (d:Document)-[r:INSTANCE_OF]->(t) MATCH (m:Measure)-[]->(d) MATCH (u:Unit)-[:TOOK]->(m)
RETURN t.id AS fid, t.text AS ftext, t.scope AS fscope, t.size AS fsize, t.n_units AS fn,
m.id AS mid, u.name AS unit, m.notice_id AS notice, m.issue_id AS issue, r.text AS mtext
ORDER BY fn DESC, fsize DESC, fid, unit, mid
