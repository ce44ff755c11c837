// name: _internal/family_show_notices
// summary: 一个族中以通报为成员者 | the members of one family that are notices (a boilerplate sentence, a document named outside the measures)
// params: family: str
// mode: read
// note: run by graphkit.service.family_show.read_family (kinds sentence and document)
MATCH (n:Notice)-[r:INSTANCE_OF]->(t:MeasureTemplate) WHERE t.id = $family
MATCH (u:Unit)-[:REPORTED]->(n)
RETURN n.id AS id, u.name AS unit, n.id AS notice, '' AS issue, r.text AS text, 0 AS span_start
ORDER BY unit, notice, id
