// name: _internal/report_measures
// summary: 报告中的整改措施 | every measure with its issue, kind, status and span in the notice text, for the report
// params: none
// mode: read
// note: run by graphkit.service.reporting (graphkit report)
MATCH (m:Measure)
RETURN m.id AS id, m.notice_id AS notice, m.issue_id AS issue, m.label AS label, m.text AS text,
m.kind AS kind, m.status AS status, m.ord AS ord, m.span_start AS s, m.span_end AS e
ORDER BY notice, ord, id
