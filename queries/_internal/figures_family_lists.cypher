// name: _internal/figures_family_lists
// summary: 若干族的单位列表 | these families' kind, number of units and stored unit_ids (each found by its id)
// params: ids: list
// mode: read
// note: run by graphkit.analysis.figures.refresh_figures(store, units=…) before and after it writes the figures: the pairs of units sharing these families, as last counted and now
UNWIND $ids AS id
MATCH (t:MeasureTemplate {id: id})
RETURN t.id AS id, t.kind AS kind, t.member_units AS member_units, t.unit_ids AS units
