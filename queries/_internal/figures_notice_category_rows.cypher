// name: _internal/figures_notice_category_rows
// summary: 若干通报的问题类别 | the categories (top-level issues) of these notices with their title, notice and unit
// params: ids: list
// mode: read
// note: run by graphkit.analysis.figures.refresh_figures for the notices whose categories it has just counted: their part of figures_wording_category_counts
MATCH (u:Unit)-[:REPORTED]->(n:Notice)-[:HAS_ISSUE]->(c:Issue)
WHERE n.id IN $ids
RETURN c.title AS title, n.id AS notice, u.id AS unit, c.id AS category
