// name: recycled/by_year
// summary: 各年通报中重复使用的措施 | reuse over time: per year of notice, measures in families of each scope, and their shares
// params: kind: str = 'measure', limit: int = 100
// mode: read
// year: the first four characters of the notice's date (Notice.date: published, else feedback,
// else inspection end, as families are ordered; its published date where a store has no date;
// null when there is none: that row comes last). A measure counts once in a scope when it is a member (INSTANCE_OF)
// of at least one family (MeasureTemplate) of that kind and scope; kind: measure | headline.
// Notices without measures count in notices only; shares are of the year's measures.
MATCH (n:Notice)
OPTIONAL MATCH (u:Unit)-[:REPORTED]->(n)
OPTIONAL MATCH (u)-[:TOOK]->(m:Measure)
WHERE m.notice_id = n.id
WITH left(coalesce(n.date, n.published), 4) AS year, count(DISTINCT n) AS notices, count(DISTINCT m) AS measures
OPTIONAL MATCH (t:MeasureTemplate)<-[:INSTANCE_OF]-(a:Measure)<-[:TOOK]-(:Unit)-[:REPORTED]->(an:Notice)
WHERE t.kind = $kind AND a.notice_id = an.id
  AND (left(coalesce(an.date, an.published), 4) = year
       OR left(coalesce(an.date, an.published), 4) IS NULL AND year IS NULL)
WITH year, notices, measures,
     count(DISTINCT CASE WHEN t.scope = 'across-units' THEN a END) AS across_units,
     count(DISTINCT CASE WHEN t.scope = 'within-unit' THEN a END) AS within_unit,
     count(DISTINCT CASE WHEN t.scope = 'across-notices' THEN a END) AS across_notices
RETURN year, notices, measures, across_units, within_unit, across_notices,
       CASE WHEN measures = 0 THEN NULL ELSE 1.0 * across_units / measures END AS across_units_share,
       CASE WHEN measures = 0 THEN NULL ELSE 1.0 * within_unit / measures END AS within_unit_share,
       CASE WHEN measures = 0 THEN NULL ELSE 1.0 * across_notices / measures END AS across_notices_share
ORDER BY year
LIMIT $limit
