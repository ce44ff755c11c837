// name: _internal/figures_family_unit_lists
// summary: 措施族的单位列表 | the units of every measure family of more than one unit (its stored unit_ids)
// params: none
// mode: read
// note: run by graphkit.analysis.figures.refresh_figures after the families' figures are written, to pair the units that share families (units/shared_measures)
MATCH (t:MeasureTemplate)
WHERE t.kind = 'measure' AND t.member_units > 1
RETURN t.unit_ids AS units
