// name: issues/measures
// summary: 某问题的整改措施 | the measures of an issue (and of the finer issues under it)
// params: issue: str, unit: str = '', limit: int = 500
// mode: read
// issue: text contained in the issue title (not empty; a Neo4j TEXT index on Issue.title serves it); unit: a unit name or alias ('' = every unit).
// Read from the matching issues outwards, without variable-length paths (LadybugDB planned
// `(n)-[:HAS_ISSUE]->()-[:HAS_SUBISSUE*0..8]->(i)` from every notice's issues and joined every
// measure: 1.1 s at 300k measures; this reads ~60 ms). An issue's tree position is its own: an
// issue of depth d hangs d - 1 HAS_SUBISSUE steps under a HAS_ISSUE of its notice (notice_id),
// and the issues under it are those of its notice whose path extends its path (`2.1` → `2.1.3`),
// as loaders/notice.py writes them: depth <= 9 and 8 steps down keep the old paths' reach.
// The WITH clauses keep LadybugDB from joining every measure; the notice found by its id before
// its unit keeps Neo4j from joining every unit's notices (300k measures: 328 -> 173 ms, old 221).
MATCH (i:Issue)
WHERE i.title CONTAINS $issue AND i.depth <= 9
MATCH (j:Issue)
WHERE j.notice_id = i.notice_id AND j.depth <= i.depth + 8
  AND (j.id = i.id OR left(j.path, size(i.path) + 1) = i.path + '.')
WITH i, j
MATCH (m:Measure)-[:ADDRESSES]->(j)
WITH i, j, m
MATCH (n:Notice)
WHERE n.id = i.notice_id
MATCH (u:Unit)-[:REPORTED]->(n)
WHERE $unit = '' OR u.name = $unit OR $unit IN u.aliases
WITH DISTINCT u, n, i, j, m
RETURN u.name AS unit, n.id AS notice, i.path AS issue_path, i.title AS issue, j.path AS path, j.title AS answers,
       m.label AS label, m.text AS measure, m.status AS status, m.deadline AS deadline, m.kind AS kind
ORDER BY unit, notice, issue_path, path, m.ord
LIMIT $limit
