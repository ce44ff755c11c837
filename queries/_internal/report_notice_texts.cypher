// name: _internal/report_notice_texts
// summary: 报告中通报的全文 | the clean text of these notices, for their report pages
// params: ids: list
// mode: read
// note: run by graphkit.service.reporting in batches of notice ids
MATCH (n:Notice) WHERE n.id IN $ids
RETURN n.id AS id, n.text AS text ORDER BY id
