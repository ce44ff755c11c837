// name: _internal/figures_unit_count
// summary: 单位总数 | how many units the store holds
// params: none
// mode: read
// note: run by graphkit.analysis.figures.refresh_figures(store, units=…): an update that touched a large share of the units refreshes every figure (lists of thousands of ids in `IN` cost more than reading everything)
MATCH (u:Unit)
RETURN count(u) AS units
