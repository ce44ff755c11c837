// name: _internal/figures_wording_categories
// summary: 问题类别的通报、单位与具体问题数 | the categories (top-level issues) of these titles (every: of every title) with their notice, unit and stored problems
// params: every: bool, titles: list, nulls: bool
// mode: read
// problems is the category's stored count (figures_category_problems): graphkit.analysis.figures
// uses the count it has just made for the categories it counts again, this one for the others.
// nulls: the categories without a title too.
// note: run by graphkit.analysis.figures.refresh_figures with figures_wording_issues; written by figures_create_wordings; read by issues/by_category
MATCH (u:Unit)-[:REPORTED]->(n:Notice)-[:HAS_ISSUE]->(c:Issue)
WHERE $every OR c.title IN $titles OR ($nulls AND c.title IS NULL)
RETURN c.title AS title, n.id AS notice, u.id AS unit, c.id AS category, c.problems AS problems
