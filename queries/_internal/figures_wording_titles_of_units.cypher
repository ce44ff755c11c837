// name: _internal/figures_wording_titles_of_units
// summary: 列有若干单位的问题表述 | the titles whose IssueWording or WordingUnits list one of these units
// params: units: list
// mode: read
// The titles the units' issues had when last counted (a replaced notice's issues are gone).
// note: run by graphkit.analysis.figures.refresh_figures(store, units=…) with the touched units and those never counted: their IssueWording records are counted again
WITH $units AS units
MATCH (w:IssueWording)
WHERE any(x IN w.unit_ids WHERE x IN units)
RETURN w.title AS title
UNION
WITH $units AS units
MATCH (c:WordingUnits)
WHERE any(x IN c.unit_ids WHERE x IN units)
WITH DISTINCT c.wording AS id
MATCH (w:IssueWording {id: id})
RETURN w.title AS title
