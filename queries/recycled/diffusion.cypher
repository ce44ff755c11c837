// name: recycled/diffusion
// summary: 措施扩散网络：谁沿用了谁的措施 | the diffusion network: which unit reused the text of which earlier unit (REUSED_FROM), per pair of units
// params: kind: str = 'measure', unit: str = '', limit: int = 200
// mode: read
// One row per (later unit, earlier unit) pair: the families in which the later unit's member
// came after the family's earliest unit (its candidate source, graphkit.analysis.sources: units
// ordered by their notices' date, published, else feedback, else inspection end), how many of
// them are vertical (one unit stands above the other in the same line) or horizontal (peers),
// how many name a tied source (several units share the earliest date), the fewest and most days
// between the two units' dates and the mean alignment score. kind: measure | headline |
// document | sentence ('' for every kind); unit: either end, by name or alias ('' for all).
MATCH (a:Unit)-[r:REUSED_FROM]->(b:Unit)
MATCH (t:MeasureTemplate)
WHERE t.id = r.family AND ($kind = '' OR t.kind = $kind)
  AND ($unit = '' OR a.name = $unit OR b.name = $unit OR $unit IN a.aliases OR $unit IN b.aliases)
WITH a, b, count(r) AS families,
     count(CASE WHEN r.direction = 'vertical' THEN 1 END) AS vertical,
     count(CASE WHEN r.direction = 'horizontal' THEN 1 END) AS horizontal,
     count(CASE WHEN r.tie THEN 1 END) AS tied,
     min(r.days) AS min_days, max(r.days) AS max_days, avg(r.score) AS mean_score
RETURN a.id AS unit_id, a.name AS unit, a.level AS unit_level, b.id AS source_id, b.name AS source,
       b.level AS source_level, families, vertical, horizontal, tied, min_days, max_days, mean_score
ORDER BY families DESC, unit, source, unit_id, source_id
LIMIT $limit
