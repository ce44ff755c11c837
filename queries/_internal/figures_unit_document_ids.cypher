// name: _internal/figures_unit_document_ids
// summary: 单位措施出台或引用的文件 | the documents each unit's measures issue or cite (for its document_ids: every unit, or these)
// params: every: bool, ids: list
// mode: read
// One row per unit and document: graphkit.analysis.figures writes each unit's sorted list with set_unit_document_ids (a list collected in Cypher comes in each store's own order, and the list is a property the graph templates answer with).
// note: run by graphkit.analysis.figures.refresh_figures after figures_units (every: every unit; else the units of `ids`: those touched, those never counted and the units of the families or documents counted), before its transaction
MATCH (u:Unit)-[:TOOK]->(:Measure)-[:ISSUED|CITES]->(d:Document)
WHERE $every OR u.id IN $ids
RETURN DISTINCT u.id AS unit, d.id AS id
