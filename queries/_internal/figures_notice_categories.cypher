// name: _internal/figures_notice_categories
// summary: 若干通报的类别 | the categories (top-level issues) of these notices (every: of every notice)
// params: every: bool, ids: list
// mode: read
// note: run by graphkit.analysis.figures.refresh_figures, to write a count for every category (0 for those figures_category_problems gives no row)
MATCH (n:Notice)-[:HAS_ISSUE]->(c:Issue)
WHERE $every OR n.id IN $ids
RETURN c.id AS id
