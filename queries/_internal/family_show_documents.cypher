// name: _internal/family_show_documents
// summary: 一个文件族的成员文件 | the member documents of one family, once per measure naming them
// params: family: str
// mode: read
// note: run by graphkit.service.family_show.read_family (kind document, with _internal/family_show_notices)
MATCH (d:Document)-[r:INSTANCE_OF]->(t:MeasureTemplate) WHERE t.id = $family
MATCH (m:Measure)-[]->(d) MATCH (u:Unit)-[:TOOK]->(m)
RETURN d.id AS id, u.name AS unit, m.notice_id AS notice, m.issue_id AS issue, r.text AS text,
m.span_start AS span_start
ORDER BY unit, notice, span_start, id
