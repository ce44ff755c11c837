// name: _internal/panel_measures
// summary: 面板：全部整改措施 | panel: every measure with its unit, notice, issue, kind, status, deadline and due
// params: none
// mode: read
// note: run by graphkit.service.panel (graphkit export --format panel); the service orders the rows
MATCH (u:Unit)-[:TOOK]->(m:Measure)
RETURN m.id AS id, m.notice_id AS notice, u.name AS unit, u.id AS unit_id, m.issue_id AS issue, m.label AS label,
m.ord AS ord, m.kind AS kind, m.status AS status, m.deadline AS deadline, m.due AS due
