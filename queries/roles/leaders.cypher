// name: roles/leaders
// summary: 谁牵头整改 | who leads rectification: roles, positions and people by unit
// params: unit: str = '', limit: int = 1000
// mode: read
MATCH (u:Unit)-[:HAS_ROLE]->(r:Role)-[:LEADS]->(n:Notice)
WHERE $unit = '' OR u.name = $unit OR $unit IN u.aliases
WITH u, r.role AS role, r.position AS position, r.person AS person, count(DISTINCT n) AS notices
RETURN u.name AS unit, role, position, person, notices
ORDER BY unit, role, position, person
LIMIT $limit
