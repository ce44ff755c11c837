// name: issues/frequent_wordings
// summary: 最常见的问题表述 | the most frequent problem wordings (issue titles) across notices
// params: min_units: int = 1, limit: int = 50
// mode: read
// Titles are compared as written (the parser strips numbers and the 关于“…”问题 frame).
MATCH (u:Unit)-[:REPORTED]->(n:Notice)-[:HAS_ISSUE]->(:Issue)-[:HAS_SUBISSUE*0..8]->(i:Issue)
WITH i.title AS wording, count(DISTINCT i) AS issues, count(DISTINCT n) AS notices, count(DISTINCT u) AS units,
     min(i.depth) AS min_depth
WHERE units >= $min_units
RETURN wording, issues, notices, units, min_depth
ORDER BY issues DESC, units DESC, wording
LIMIT $limit
