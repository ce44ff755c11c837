// name: measures/issues_answered
// summary: 某措施回应的问题 | the issues a measure answers (every measure whose text contains the given text)
// params: text: str, limit: int = 200
// mode: read
// text: not empty (a Neo4j TEXT index on Measure.text serves it, 12 ms instead of 0.7 s at 1M).
// With the category (top-level issue) each answered issue stands under.
MATCH (m:Measure)-[:ADDRESSES]->(i:Issue)
WHERE m.text CONTAINS $text
MATCH (u:Unit)-[:TOOK]->(m)
MATCH (n:Notice)-[:HAS_ISSUE]->(c:Issue)-[:HAS_SUBISSUE*0..8]->(i)
RETURN u.name AS unit, n.id AS notice, c.title AS category, i.path AS path, i.title AS issue,
       m.label AS label, m.text AS measure
ORDER BY unit, notice, path, m.ord
LIMIT $limit
