// name: _internal/compare_issues
// summary: 要比较的通报的问题 | the issues of one notice with their parent, label, title and depth, in document order
// params: notice: str
// mode: read
// note: run by graphkit.service.comparing.read_side (graphkit compare)
MATCH (i:Issue) WHERE i.notice_id = $notice
RETURN i.id AS id, i.parent_id AS parent, i.label AS label, i.title AS title, i.depth AS depth, i.ord AS ord
ORDER BY ord, id
