// name: _internal/figures_wording_category_counts
// summary: 各问题类别的单位、通报与具体问题数 | per title of these (every: of every title), as a category (top-level issue) with problems: its units (ids), notices and problems
// params: every: bool, titles: list, nulls: bool, skip: list
// mode: read
// Counted by the store, one row per title, from the categories' stored problems
// (figures_set_category_problems) of every notice but those of skip: the caller adds theirs,
// just counted and not yet written (figures_notice_category_rows). nulls: the categories
// without a title too.
// note: run by graphkit.analysis.figures.refresh_figures with figures_wording_counts; written by figures_create_wordings; read by issues/by_category
MATCH (u:Unit)-[:REPORTED]->(n:Notice)-[:HAS_ISSUE]->(c:Issue)
WHERE ($every OR c.title IN $titles OR ($nulls AND c.title IS NULL)) AND c.problems > 0
  AND NOT n.id IN $skip
RETURN c.title AS title, collect(DISTINCT u.id) AS units, count(DISTINCT n.id) AS notices,
       sum(c.problems) AS problems
