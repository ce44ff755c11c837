// name: _internal/family_show_measures
// summary: 一个族的成员措施 | the member measures of one family, with their unit, notice and issue
// params: family: str
// mode: read
// note: run by graphkit.service.family_show.read_family (kinds measure and headline)
MATCH (m:Measure)-[r:INSTANCE_OF]->(t:MeasureTemplate) WHERE t.id = $family
MATCH (u:Unit)-[:TOOK]->(m)
RETURN m.id AS id, u.name AS unit, m.notice_id AS notice, m.issue_id AS issue, r.text AS text,
m.span_start AS span_start
ORDER BY unit, notice, span_start, id
