// name: _internal/figures_touched_unlisted
// summary: 单位曾属的族与文件（按列表） | the families and documents whose stored unit_ids hold one of these units
// params: units: list
// mode: read
// It reads every family's and document's list of units: run only for units whose family_ids
// were cleared (a load writes a unit anew without its figures).
// note: run by graphkit.analysis.figures.refresh_figures(store, units=…) for the touched units figures_touched answers as 'unlisted'
WITH $units AS units
MATCH (t:MeasureTemplate)
WHERE any(x IN t.unit_ids WHERE x IN units)
RETURN 'family' AS what, t.id AS id
UNION ALL
WITH $units AS units
MATCH (d:Document)
WHERE any(x IN d.unit_ids WHERE x IN units)
RETURN 'document' AS what, d.id AS id
