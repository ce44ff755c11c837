// name: _internal/unit_spellings
// summary: 单位在各通报中的写法 | how each unit's notices spell it (unit and publisher lines), for its aliases
// params: ids: list
// mode: read
// note: run by graphkit.ingest.refresh_unit_aliases after a load
MATCH (u:Unit)-[:REPORTED]->(n:Notice) WHERE u.id IN $ids
RETURN u.id AS id, u.name AS name, n.unit_name AS unit, n.publisher AS publisher
