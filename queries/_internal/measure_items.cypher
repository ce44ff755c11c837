// name: _internal/measure_items
// summary: 全部整改措施及其单位、通报、问题 | every measure with its unit, notice and issue ids, for family detection
// params: none
// mode: read
// note: run by graphkit.analysis.store_families.measure_items
MATCH (u:Unit)-[:TOOK]->(m:Measure)
RETURN m.id AS mid, u.id AS uid, m.notice_id AS nid, m.issue_id AS iid, m.text AS txt
ORDER BY mid
