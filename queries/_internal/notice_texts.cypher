// name: _internal/notice_texts
// summary: 通报全文及其单位 | every notice's text with its unit, for boilerplate sentences and documents named outside the measures
// params: none
// mode: read
// note: run by graphkit.analysis.store_families; the issue spans (_internal/issue_spans) are blanked out of it
MATCH (u:Unit)-[:REPORTED]->(n:Notice) WHERE n.text IS NOT NULL
RETURN n.id AS nid, u.id AS uid, n.text AS txt ORDER BY nid
