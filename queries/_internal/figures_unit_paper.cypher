// name: _internal/figures_unit_paper
// summary: 写入单位仅以“纸面”措施整改的问题数 | store each unit's issues answered by its measures, and those answered only by paper measures
// params: every: bool, ids: list
// mode: write
// The paper kinds (meeting, document, training) are schema/measure_kinds.yaml's, as in issues/paper_only_issues.
// note: run by graphkit.analysis.figures.refresh_figures (every: every unit; else the units of `ids`: those touched and those never counted); read by issues/paper_only
MATCH (u:Unit)
WHERE $every OR u.id IN $ids
SET u.answered = 0, u.paper_only = 0
WITH u
MATCH (u)-[:TOOK]->(m:Measure)-[:ADDRESSES]->(i:Issue)
WITH u, i, count(m) AS measures,
     count(CASE WHEN m.kind IN ['meeting', 'document', 'training'] THEN 1 END) AS paper
WITH u, count(i) AS answered, count(CASE WHEN paper = measures THEN 1 END) AS paper_only
SET u.answered = answered, u.paper_only = paper_only
