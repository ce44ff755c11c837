// name: _internal/notice_list
// summary: 全部通报及其单位、日期与规模 | every notice with its unit, title, date, source and counts of issues and measures
// params: none
// mode: read
// note: run by graphkit.service.comparing.notices (graphkit.open(...).notices())
MATCH (n:Notice)
OPTIONAL MATCH (u:Unit)-[:REPORTED]->(n)
RETURN n.id AS id, u.name AS unit, n.title AS title, n.published AS published, n.source AS source,
n.issue_count AS issues, n.measure_count AS measures
ORDER BY id
