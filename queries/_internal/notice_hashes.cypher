// name: _internal/notice_hashes
// summary: 全部通报及其内容指纹和单位 | every notice with its content hash and unit, to find what changed since the family index was written
// params: none
// mode: read
// note: run by graphkit.analysis.incremental (notices in the store and not in the index, or changed, are updated)
// The unit is recorded in the index, so that a notice gone is known by its unit.
MATCH (n:Notice)
OPTIONAL MATCH (u:Unit)-[:REPORTED]->(n)
RETURN n.id AS nid, n.content_hash AS hash, u.id AS unit
ORDER BY nid
