// name: recycled/by_level
// summary: 按单位层级与机构类型的措施重复使用 | reuse by the units' level and kind of body: units, measures, those copied across units, share
// params: limit: int = 100
// mode: read
// level and body_kind are the Unit's (graphkit.analysis.places; null when they could not be read:
// those rows come last). A measure is copied when it is a member of at least one family of scope
// across-units (as units/originality counts, without its SIMILAR_TO pairs).
// The counts are totals stored on one unit of each level and kind of body (graphkit.analysis.figures,
// written with the families).
MATCH (u:Unit)
WHERE u.level_units IS NOT NULL
RETURN u.level AS level, u.body_kind AS body_kind, u.level_units AS units, u.level_measures AS measures,
       u.level_instanced AS copied, 1.0 * u.level_instanced / u.level_measures AS copied_share
ORDER BY CASE level WHEN 'central' THEN 1 WHEN 'provincial' THEN 2 WHEN 'city' THEN 3
         WHEN 'county' THEN 4 WHEN 'township' THEN 5 WHEN 'village' THEN 6 ELSE 7 END,
         level, body_kind
LIMIT $limit
