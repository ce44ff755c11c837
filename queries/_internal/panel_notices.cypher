// name: _internal/panel_notices
// summary: 面板：通报及其单位、地点与巡视 | panel: every notice with its unit, the unit's place and level, and its inspection
// params: none
// mode: read
// note: run by graphkit.service.panel (graphkit export --format panel); one row per notice and
// inspection (a notice has one: the service keeps the first by inspection id)
MATCH (n:Notice)
OPTIONAL MATCH (u:Unit)-[:REPORTED]->(n)
OPTIONAL MATCH (n)-[:ON_INSPECTION]->(i:Inspection)
RETURN n.id AS notice, u.name AS unit, u.id AS unit_id, n.unit_name AS unit_name, n.title AS title,
n.publisher AS publisher, n.source AS source, n.published AS published, n.date AS date,
n.date_kind AS date_kind, n.warnings AS warnings,
u.province AS province, u.city AS city, u.county AS county, u.division_code AS division_code,
u.level AS level, u.body_kind AS body_kind,
i.id AS inspection, i.kind AS inspection_kind, i.team AS team, i.round AS round,
i.start_date AS start_date, i.end_date AS end_date, i.feedback_date AS feedback_date
ORDER BY notice, inspection
