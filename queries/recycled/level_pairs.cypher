// name: recycled/level_pairs
// summary: 重复使用在层级与机构类型间的流向 | reuse between levels and kinds of body: from the source unit's to the reusing unit's, vertical or horizontal
// params: limit: int = 100
// mode: read
// One row per (source level, source body kind, reusing level, reusing body kind, direction) over
// the REUSED_FROM edges (a reusing unit → the family's earliest unit, graphkit.analysis.sources):
// edges, families, reusing units and source units. direction: vertical (a unit and one above it)
// | horizontal (peers) | null (levels unknown). Levels and kinds are null where unread.
MATCH (a:Unit)-[r:REUSED_FROM]->(b:Unit)
WITH b.level AS source_level, b.body_kind AS source_kind, a.level AS level, a.body_kind AS body_kind,
     r.direction AS direction, count(r) AS edges, count(DISTINCT r.family) AS families,
     count(DISTINCT a) AS units, count(DISTINCT b) AS sources
RETURN source_level, source_kind, level, body_kind, direction, edges, families, units, sources
ORDER BY edges DESC, families DESC, source_level, source_kind, level, body_kind, direction
LIMIT $limit
