// name: _internal/compare_unit_notices
// summary: 单位的全部通报及其日期 | every notice of the unit with this name or alias, with its date, to compare its two latest
// params: unit: str
// mode: read
// note: run by graphkit.service.comparing.unit_notices (graphkit compare --unit); ordered by date in Python (the stores order nulls differently)
MATCH (u:Unit)-[:REPORTED]->(n:Notice) WHERE u.name = $unit OR $unit IN u.aliases
RETURN n.id AS id, n.published AS published ORDER BY id
