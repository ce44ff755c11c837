// name: _internal/report_roles
// summary: 报告中的职责 | every role of a unit's rectification, with its notice and person, for the report
// params: none
// mode: read
// note: run by graphkit.service.reporting (graphkit report)
MATCH (u:Unit)-[:HAS_ROLE]->(r:Role)
RETURN u.name AS unit, r.notice_id AS notice, r.role AS role, r.position AS position, r.person AS person
ORDER BY unit, notice, role, person, position
