// name: _internal/set_document_unit_ids
// summary: 写入文件的单位列表 | store each document's units (sorted ids)
// params: rows: list
// mode: write
// note: run by graphkit.analysis.figures.refresh_figures after figures_documents, in its transaction; each row is {id, units}
UNWIND $rows AS r
MATCH (d:Document {id: r.id})
SET d.unit_ids = r.units
