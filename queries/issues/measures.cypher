// name: issues/measures
// summary: 某问题的整改措施 | the measures of an issue (and of the finer issues under it)
// params: issue: str, unit: str = '', limit: int = 500
// mode: read
// issue: text contained in the issue title (not empty; a Neo4j TEXT index on Issue.title serves it); unit: a unit name or alias ('' = every unit).
MATCH (u:Unit)-[:REPORTED]->(n:Notice)-[:HAS_ISSUE]->(:Issue)-[:HAS_SUBISSUE*0..8]->(i:Issue)
WHERE i.title CONTAINS $issue AND ($unit = '' OR u.name = $unit OR $unit IN u.aliases)
MATCH (i)-[:HAS_SUBISSUE*0..8]->(j:Issue)<-[:ADDRESSES]-(m:Measure)
WITH DISTINCT u, n, i, j, m
RETURN u.name AS unit, n.id AS notice, i.path AS issue_path, i.title AS issue, j.path AS path, j.title AS answers,
       m.label AS label, m.text AS measure, m.status AS status, m.deadline AS deadline, m.kind AS kind
ORDER BY unit, notice, issue_path, path, m.ord
LIMIT $limit
