// name: _internal/measure_items_of
// summary: 若干通报的整改措施 | the measures of these notices with their unit, notice and issue ids, for incremental family detection
// params: ids: list
// mode: read
// note: run by graphkit.analysis.incremental; as _internal/measure_items, for some notices
MATCH (u:Unit)-[:TOOK]->(m:Measure) WHERE m.notice_id IN $ids
RETURN m.id AS mid, u.id AS uid, m.notice_id AS nid, m.issue_id AS iid, m.text AS txt
ORDER BY mid
