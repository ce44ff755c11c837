// name: _internal/report_issues
// summary: 报告中的问题 | every issue with its place in the tree and in the notice text (span), for the report
// params: none
// mode: read
// note: run by graphkit.service.reporting (graphkit report)
MATCH (i:Issue)
RETURN i.id AS id, i.notice_id AS notice, i.parent_id AS parent, i.label AS label, i.title AS title,
i.depth AS depth, i.ord AS ord, i.path AS path, i.span_start AS s, i.span_end AS e
ORDER BY notice, ord, id
