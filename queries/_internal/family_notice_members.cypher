// name: _internal/family_notice_members
// summary: 以通报为成员的族 | stored families whose members are notices: a boilerplate sentence, or a document named outside the measures
// params: kind: str, scope: str = 'all', min_units: int = 1
// mode: read
// note: run by graphkit.analysis.family_read.read_families (kinds sentence and document); the caller orders the rows
MATCH (t:MeasureTemplate) WHERE t.kind = $kind AND ($scope = 'all' OR t.scope = $scope)
AND t.n_units >= $min_units
MATCH (n:Notice)-[r:INSTANCE_OF]->(t) MATCH (u:Unit)-[:REPORTED]->(n)
RETURN t.id AS fid, t.text AS ftext, t.scope AS fscope, t.size AS fsize, t.n_units AS fn,
n.id AS mid, u.name AS unit, n.id AS notice, '' AS issue, r.text AS mtext
