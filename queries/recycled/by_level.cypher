// name: recycled/by_level
// summary: 按单位层级与机构类型的措施重复使用 | reuse by the units' level and kind of body: units, measures, those copied across units, share
// params: limit: int = 100
// mode: read
// level and body_kind are the Unit's (graphkit.analysis.places; null when they could not be read:
// those rows come last). A measure is copied when it is a member of at least one family of scope
// across-units (as units/originality counts, without its SIMILAR_TO pairs).
MATCH (u:Unit)-[:TOOK]->(m:Measure)
WITH u.level AS level, u.body_kind AS body_kind, count(DISTINCT u) AS units, count(m) AS measures
OPTIONAL MATCH (t:MeasureTemplate)<-[:INSTANCE_OF]-(a:Measure)<-[:TOOK]-(v:Unit)
WHERE t.scope = 'across-units'
  AND (v.level = level OR v.level IS NULL AND level IS NULL)
  AND (v.body_kind = body_kind OR v.body_kind IS NULL AND body_kind IS NULL)
WITH level, body_kind, units, measures, count(DISTINCT a) AS copied
RETURN level, body_kind, units, measures, copied, 1.0 * copied / measures AS copied_share
ORDER BY CASE level WHEN 'central' THEN 1 WHEN 'provincial' THEN 2 WHEN 'city' THEN 3
         WHEN 'county' THEN 4 WHEN 'township' THEN 5 WHEN 'village' THEN 6 ELSE 7 END,
         level, body_kind
LIMIT $limit
