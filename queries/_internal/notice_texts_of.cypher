// name: _internal/notice_texts_of
// summary: 若干通报的全文及其单位 | these notices' texts with their units, for boilerplate sentences and documents named outside the measures
// params: ids: list
// mode: read
// note: run by graphkit.analysis.store_families (incremental detection); as _internal/notice_texts, for some notices
MATCH (u:Unit)-[:REPORTED]->(n:Notice) WHERE n.id IN $ids AND n.text IS NOT NULL
RETURN n.id AS nid, u.id AS uid, n.text AS txt ORDER BY nid
