// name: _internal/compare_measures
// summary: 要比较的通报的整改措施 | the measures of one notice with their issue, label, text, status and deadline, in document order
// params: notice: str
// mode: read
// note: run by graphkit.service.comparing.read_side (graphkit compare)
MATCH (m:Measure) WHERE m.notice_id = $notice
RETURN m.id AS id, m.issue_id AS issue, m.label AS label, m.text AS text, m.status AS status,
m.deadline AS deadline, m.ord AS ord
ORDER BY ord, id
