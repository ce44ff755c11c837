// name: issues/by_category
// summary: 各单位按问题类别统计 | issues by category (top-level issue title) across units
// params: contains: str = '', limit: int = 200
// mode: read
// contains: keep categories whose title contains this text ('' keeps all).
// problems are the leaf issues under the category (a category with no sub-issue is its own problem).
MATCH (u:Unit)-[:REPORTED]->(n:Notice)-[:HAS_ISSUE]->(c:Issue)-[:HAS_SUBISSUE*0..8]->(p:Issue)
WHERE ($contains = '' OR c.title CONTAINS $contains)
  AND NOT EXISTS { MATCH (p)-[:HAS_SUBISSUE]->(:Issue) }
WITH c.title AS category, count(DISTINCT u) AS units, count(DISTINCT n) AS notices,
     count(DISTINCT p) AS problems
RETURN category, units, notices, problems
ORDER BY units DESC, problems DESC, category
LIMIT $limit
