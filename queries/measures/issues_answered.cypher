// name: measures/issues_answered
// summary: 某措施回应的问题 | the issues a measure answers (every measure whose text contains the given text)
// params: text: str, limit: int = 200
// mode: read
// With the category (top-level issue) each answered issue stands under.
MATCH (m:Measure)-[:ADDRESSES]->(i:Issue)
WHERE $text = '' OR m.text CONTAINS $text
MATCH (u:Unit)-[:TOOK]->(m)
MATCH (n:Notice)-[:HAS_ISSUE]->(c:Issue)-[:HAS_SUBISSUE*0..8]->(i)
RETURN u.name AS unit, n.id AS notice, c.title AS category, i.path AS path, i.title AS issue,
       m.label AS label, m.text AS measure
ORDER BY unit, notice, path, m.ord
LIMIT $limit
