// name: _internal/figures_wording_counts
// summary: 各问题表述的问题、通报与单位数 | per title of these (every: of every title): its issues, notices, units (their ids) and least depth
// params: every: bool, titles: list, nulls: bool
// mode: read
// Counted by the store, one row per title: a title shared by every notice (a category heading
// such as 党的建设方面) has as many issues as the store has notices, and reading them one row
// each cost seconds per refresh at a million measures. An issue counts as
// issues/frequent_wordings counted it through
// `(u)-[:REPORTED]->(n)-[:HAS_ISSUE]->(:Issue)-[:HAS_SUBISSUE*0..8]->(i)`: an issue of depth d
// hangs d - 1 HAS_SUBISSUE steps under a HAS_ISSUE of its notice (notice_id), as
// loaders/notice.py writes it, so depth <= 9. nulls: the issues without a title too.
// note: run by graphkit.analysis.figures.refresh_figures (every: every title; else the titles of the changed units' notices' issues, and those whose IssueWording lists one of those units); written by figures_create_wordings; read by issues/frequent_wordings
MATCH (i:Issue)
WHERE ($every OR i.title IN $titles OR ($nulls AND i.title IS NULL)) AND i.depth <= 9
WITH i
MATCH (u:Unit)-[:REPORTED]->(n:Notice)
WHERE n.id = i.notice_id
RETURN i.title AS title, count(DISTINCT i.id) AS issues, count(DISTINCT n.id) AS notices,
       collect(DISTINCT u.id) AS units, min(i.depth) AS min_depth
