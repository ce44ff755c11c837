// name: _internal/figures_wording_uncounted
// summary: 类别具体问题数未计的通报 | the notices with a category of these titles (every: of any title) whose problems were never counted
// params: every: bool, titles: list, nulls: bool
// mode: read
// A store written before categories were counted: its categories' problems are counted (for
// their notices) before the wordings are.
// note: run by graphkit.analysis.figures.refresh_figures before figures_wording_category_counts
MATCH (n:Notice)-[:HAS_ISSUE]->(c:Issue)
WHERE ($every OR c.title IN $titles OR ($nulls AND c.title IS NULL)) AND c.problems IS NULL
RETURN DISTINCT n.id AS notice
