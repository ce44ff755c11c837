// name: _internal/figures_wording_counts_of
// summary: 若干通报中各问题表述的问题、通报与单位数 | per title of the issues of these notices: their issues, notices, units (ids) and least depth
// params: ids: list
// mode: read
// The part of figures_wording_counts that notices just added bring (issues of depth 9 or less,
// under a notice of a unit, as it counts them).
// note: run by graphkit.analysis.wordings.added_wordings: the stored counts of each title plus these are the counts after the notices were added
MATCH (u:Unit)-[:REPORTED]->(n:Notice)
WHERE n.id IN $ids
WITH u, n
MATCH (i:Issue)
WHERE i.notice_id = n.id AND i.depth <= 9
RETURN i.title AS title, count(DISTINCT i.id) AS issues, count(DISTINCT n.id) AS notices,
       collect(DISTINCT u.id) AS units, min(i.depth) AS min_depth
