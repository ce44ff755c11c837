// name: _internal/figures_documents
// summary: 写入文件的出台与引用数字 | store each document's figures: the units and measures that issued or cited it
// params: every: bool, ids: list
// mode: write
// unit_ids are written after it by set_document_unit_ids (sorted, so both stores hold the same list).
// note: run by graphkit.analysis.figures.refresh_figures (every: every document; else the documents of `ids`); read by documents/most_issued
MATCH (d:Document)
WHERE $every OR d.id IN $ids
OPTIONAL MATCH (d)<-[:ISSUED|CITES]-(m:Measure)<-[:TOOK]-(u:Unit)
WITH d, count(DISTINCT u) AS units, count(DISTINCT m) AS measures
OPTIONAL MATCH (mi:Measure)-[:ISSUED]->(d)
WITH d, units, measures, count(DISTINCT mi) AS issued
OPTIONAL MATCH (mc:Measure)-[:CITES]->(d)
WITH d, units, measures, issued, count(DISTINCT mc) AS cited
SET d.units = units, d.measures = measures, d.issued = issued, d.cited = cited, d.unit_ids = NULL
