// name: _internal/report_notices
// summary: 报告中的通报 | every notice with its unit, title, date, source and counts (no text), for the report
// params: none
// mode: read
// note: run by graphkit.service.reporting (graphkit report)
MATCH (u:Unit)-[:REPORTED]->(n:Notice)
RETURN n.id AS id, u.name AS unit, n.title AS title, n.published AS published, n.source AS source
ORDER BY id
