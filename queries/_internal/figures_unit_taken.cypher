// name: _internal/figures_unit_taken
// summary: 写入单位沿用本单位早期通报的措施数 | store each unit's measures taken from its own earlier notices (families of scope across-notices), their families and notices
// params: every: bool, ids: list
// mode: write
// note: run by graphkit.analysis.figures.refresh_figures (every: every unit; else the units of `ids`: those touched and those never counted), after figures_units; read by units/from_earlier_notices
MATCH (u:Unit)
WHERE $every OR u.id IN $ids
SET u.taken = 0, u.taken_families = 0, u.taken_notices = 0
WITH u
MATCH (t:MeasureTemplate)<-[:INSTANCE_OF]-(m:Measure)<-[:TOOK]-(u)
WHERE t.kind = 'measure' AND t.scope = 'across-notices'
MATCH (u)-[:REPORTED]->(n:Notice)
WHERE n.id = m.notice_id AND coalesce(n.date, n.published) IS NOT NULL
WITH u, t, min(coalesce(n.date, n.published)) AS first
MATCH (t)<-[:INSTANCE_OF]-(later:Measure)<-[:TOOK]-(u)
MATCH (u)-[:REPORTED]->(ln:Notice)
WHERE ln.id = later.notice_id AND coalesce(ln.date, ln.published) > first
WITH u, count(DISTINCT later) AS taken, count(DISTINCT t) AS families, count(DISTINCT ln) AS notices
SET u.taken = taken, u.taken_families = families, u.taken_notices = notices
