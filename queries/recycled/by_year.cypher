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
OPTIONAL MATCH (m)-[:INSTANCE_OF]->(t:MeasureTemplate)
WHERE t.kind = $kind
WITH left(coalesce(n.date, n.published), 4) AS year, n, m,
     count(CASE WHEN t.scope = 'across-units' THEN 1 END) AS au,
     count(CASE WHEN t.scope = 'within-unit' THEN 1 END) AS wu,
     count(CASE WHEN t.scope = 'across-notices' THEN 1 END) AS an
WITH year, count(DISTINCT n) AS notices, count(m) AS measures,
     count(CASE WHEN au > 0 THEN 1 END) AS across_units,
     count(CASE WHEN wu > 0 THEN 1 END) AS within_unit,
     count(CASE WHEN an > 0 THEN 1 END) AS across_notices
RETURN year, notices, measures, across_units, within_unit, across_notices,
       CASE WHEN measures = 0 THEN NULL ELSE 1.0 * across_units / measures END AS across_units_share,
       CASE WHEN measures = 0 THEN NULL ELSE 1.0 * within_unit / measures END AS within_unit_share,
       CASE WHEN measures = 0 THEN NULL ELSE 1.0 * across_notices / measures END AS across_notices_share
ORDER BY year
LIMIT $limit
