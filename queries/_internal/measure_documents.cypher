// name: _internal/measure_documents
// summary: 措施制定或引用的文件 | the documents each measure issued or cited, with their titles
// params: none
// mode: read
// note: run by graphkit.analysis.store_families (document families and their INSTANCE_OF edges)
MATCH (m:Measure)-[r]->(d:Document) RETURN m.id AS mid, d.id AS did, d.title AS title ORDER BY mid, did
