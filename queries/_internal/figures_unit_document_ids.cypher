// name: _internal/figures_unit_document_ids
// summary: 写入单位措施出台或引用的文件 | store the documents each unit's measures issue or cite (document_ids)
// params: every: bool, ids: list
// mode: write
// In each store's order: a later refresh reads it to find the documents the unit's measures left.
// note: run by graphkit.analysis.figures.refresh_figures after figures_units (every: every unit; else the units of `ids`: those touched, those never counted and the units of the families or documents counted), in its transaction
MATCH (u:Unit)-[:TOOK]->(:Measure)-[:ISSUED|CITES]->(d:Document)
WHERE $every OR u.id IN $ids
WITH u, collect(DISTINCT d.id) AS documents
SET u.document_ids = documents
