// name: _internal/figures_wording_titles_of_notices
// summary: 若干通报的问题表述 | the titles of these notices' issues
// params: notices: list
// mode: read
// note: run by graphkit.analysis.figures.refresh_figures(store, units=…) with the touched units' notices and those never counted: their IssueWording records are counted again
MATCH (i:Issue)
WHERE i.notice_id IN $notices
RETURN DISTINCT i.title AS title
