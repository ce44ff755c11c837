// name: _internal/notice_dates
// summary: 通报的排序日期 | every notice's date for source attribution (published, else feedback, else inspection end) and its kind
// params: none
// mode: read
// note: run by graphkit.analysis.store_families.notice_dates
MATCH (n:Notice) RETURN n.id AS nid, n.date AS ndate, n.date_kind AS nkind ORDER BY nid
