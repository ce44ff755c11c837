// name: _internal/figures_family_units
// summary: 这些族的单位 | the units of these families, now and when last counted
// params: ids: list
// mode: read
// note: run by graphkit.analysis.figures.refresh_figures(store, units=…): a family's change changes the figures of every unit in it
MATCH (t:MeasureTemplate) WHERE t.id IN $ids UNWIND t.unit_ids AS x RETURN DISTINCT x AS unit
UNION ALL
MATCH (t:MeasureTemplate)<-[:INSTANCE_OF]-(:Measure)<-[:TOOK]-(v:Unit) WHERE t.id IN $ids
RETURN DISTINCT v.id AS unit
