// name: _internal/figures_category_problems
// summary: 类别下的具体问题数 | the problems (leaf issues) under each category of these notices (every: of every notice)
// params: every: bool, ids: list
// mode: read
// As issues/by_category counted them through `(c)-[:HAS_SUBISSUE*0..8]->(p)`: a leaf issue (no
// HAS_SUBISSUE) at most 8 steps under the category, itself included; the issues under a category
// are those of its notice whose path extends its path (`2` → `2.1.3`), as loaders/notice.py
// writes them. A category without such a leaf has no row (its count is 0). `p.notice_id IN $ids`
// keeps LadybugDB from joining every issue (0.47 -> 0.05 s for two notices at 300k measures).
// note: run by graphkit.analysis.figures.refresh_figures (every: every notice; else the touched units' notices, those never counted and those of categories without a count); written by figures_set_category_problems
MATCH (n:Notice)-[:HAS_ISSUE]->(c:Issue)
WHERE $every OR n.id IN $ids
WITH c
MATCH (p:Issue)
WHERE ($every OR p.notice_id IN $ids) AND p.notice_id = c.notice_id AND p.depth <= c.depth + 8
  AND (p.id = c.id OR left(p.path, size(c.path) + 1) = c.path + '.')
  AND NOT EXISTS { MATCH (p)-[:HAS_SUBISSUE]->(:Issue) }
RETURN c.id AS id, count(DISTINCT p) AS problems
