// name: units/from_earlier_notices
// summary: 沿用本单位早期通报措施最多的单位 | units with the most measures taken from their own earlier notices (families of scope across-notices)
// params: unit: str = '', limit: int = 100
// mode: read
// A member of a measure family of scope across-notices is taken from an earlier notice when its
// notice is dated after the family's earliest member's notice (Notice.date, as families are
// ordered: published, else feedback, else inspection end; published where a store has no date;
// ISO strings compared; members of notices without a date, or of the earliest date, do not count).
// taken_share = taken / all the unit's measures; notices = the later notices holding them.
MATCH (t:MeasureTemplate)<-[:INSTANCE_OF]-(m:Measure)<-[:TOOK]-(u:Unit)
WHERE t.kind = 'measure' AND t.scope = 'across-notices'
  AND ($unit = '' OR u.name = $unit OR $unit IN u.aliases)
MATCH (u)-[:REPORTED]->(n:Notice)
WHERE n.id = m.notice_id AND coalesce(n.date, n.published) IS NOT NULL
WITH u, t, min(coalesce(n.date, n.published)) AS first
MATCH (t)<-[:INSTANCE_OF]-(later:Measure)<-[:TOOK]-(u)
MATCH (u)-[:REPORTED]->(ln:Notice)
WHERE ln.id = later.notice_id AND coalesce(ln.date, ln.published) > first
WITH u, count(DISTINCT later) AS taken, count(DISTINCT t) AS families, count(DISTINCT ln) AS notices
MATCH (u)-[:TOOK]->(own:Measure)
WITH u, taken, families, notices, count(own) AS measures
RETURN u.name AS unit, taken, families, notices, measures, 1.0 * taken / measures AS taken_share
ORDER BY taken DESC, taken_share DESC, unit
LIMIT $limit
