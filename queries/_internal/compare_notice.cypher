// name: _internal/compare_notice
// summary: 要比较的通报 | one notice with its unit, title, date and source
// params: notice: str
// mode: read
// note: run by graphkit.service.comparing.read_side (graphkit compare)
MATCH (n:Notice) WHERE n.id = $notice
OPTIONAL MATCH (u:Unit)-[:REPORTED]->(n)
RETURN n.id AS id, u.name AS unit, n.unit_name AS unit_name, n.title AS title, n.published AS published,
n.source AS source
