// name: _internal/issue_spans
// summary: 一级问题在通报中的位置 | where each top-level issue stands in its notice's text (character offsets)
// params: none
// mode: read
// note: run by graphkit.analysis.store_families, to leave the text outside the issues
MATCH (i:Issue) WHERE i.depth = 1 AND i.span_start IS NOT NULL
RETURN i.notice_id AS nid, i.span_start AS s, i.span_end AS e ORDER BY nid, s
