// name: _internal/issue_spans_of
// summary: 若干通报中问题所占的位置 | where the top-level issues of these notices stand in their texts
// params: ids: list
// mode: read
// note: run by graphkit.analysis.store_families (incremental detection); as _internal/issue_spans, for some notices
MATCH (i:Issue) WHERE i.notice_id IN $ids AND i.depth = 1 AND i.span_start IS NOT NULL
RETURN i.notice_id AS nid, i.span_start AS s, i.span_end AS e ORDER BY nid, s
