// name: _internal/figures_member_units
// summary: 族与文件的单位 | the units of each family's member measures and of each document's measures (every: all; else these families and documents)
// params: every: bool, families: list, documents: list
// mode: read
// note: run by graphkit.analysis.figures.refresh_figures before it writes the figures, for the sorted unit_ids of families and documents
MATCH (t:MeasureTemplate)<-[:INSTANCE_OF]-(:Measure)<-[:TOOK]-(u:Unit)
WHERE $every OR t.id IN $families
RETURN DISTINCT 'family' AS what, t.id AS id, u.id AS unit
UNION ALL
MATCH (d:Document)<-[:ISSUED|CITES]-(:Measure)<-[:TOOK]-(u:Unit)
WHERE $every OR d.id IN $documents
RETURN DISTINCT 'document' AS what, d.id AS id, u.id AS unit
