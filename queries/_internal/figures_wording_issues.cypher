// name: _internal/figures_wording_issues
// summary: 问题表述的问题、通报与单位 | the issues of these titles (every: of every title) with their notice, unit and depth, to count per wording
// params: every: bool, titles: list, nulls: bool
// mode: read
// An issue counts as issues/frequent_wordings counted it through
// `(u)-[:REPORTED]->(n)-[:HAS_ISSUE]->(:Issue)-[:HAS_SUBISSUE*0..8]->(i)`: an issue of depth d
// hangs d - 1 HAS_SUBISSUE steps under a HAS_ISSUE of its notice (notice_id), as
// loaders/notice.py writes it, so depth <= 9. nulls: the issues without a title too.
// note: run by graphkit.analysis.figures.refresh_figures (every: every title; else the titles of the touched units' and uncounted notices' issues, and those whose IssueWording lists a touched unit); written by figures_create_wordings; read by issues/frequent_wordings
MATCH (i:Issue)
WHERE ($every OR i.title IN $titles OR ($nulls AND i.title IS NULL)) AND i.depth <= 9
WITH i
MATCH (u:Unit)-[:REPORTED]->(n:Notice)
WHERE n.id = i.notice_id
RETURN i.title AS title, i.id AS issue, n.id AS notice, u.id AS unit, i.depth AS depth
