// name: _internal/set_unit_document_ids
// summary: 写入单位措施出台或引用的文件 | store each unit's document_ids (sorted ids)
// params: rows: list
// mode: write
// note: run by graphkit.analysis.figures.refresh_figures, in the transaction of the figures; each row is {id, ids}, ids sorted ([] for a unit with none)
UNWIND $rows AS r
MATCH (u:Unit {id: r.id})
SET u.document_ids = r.ids
