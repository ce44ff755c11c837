// name: _internal/measure_documents_of
// summary: 若干通报的措施所涉文件 | the documents the measures of these notices issued or cited
// params: ids: list
// mode: read
// note: run by graphkit.analysis.incremental; as _internal/measure_documents, for some notices
MATCH (m:Measure)-[r]->(d:Document) WHERE m.notice_id IN $ids
RETURN m.id AS mid, d.id AS did, d.title AS title ORDER BY mid, did
