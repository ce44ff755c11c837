// name: _internal/figures_notices
// summary: 写入通报的措施与重复数字 | store each notice's figures: its unit's measures for it, and those in measure and headline families of each scope
// params: every: bool, ids: list
// mode: write
// note: run by graphkit.analysis.figures.refresh_figures (every: every notice; else the notices of `ids`: those of the touched units and those never counted); read by recycled/by_year
MATCH (n:Notice)
WHERE $every OR n.id IN $ids
OPTIONAL MATCH (u:Unit)-[:REPORTED]->(n)
OPTIONAL MATCH (u)-[:TOOK]->(m:Measure)
WHERE m.notice_id = n.id
OPTIONAL MATCH (m)-[:INSTANCE_OF]->(t:MeasureTemplate)
WITH n, m,
     count(CASE WHEN t.kind = 'measure' AND t.scope = 'across-units' THEN 1 END) AS mau,
     count(CASE WHEN t.kind = 'measure' AND t.scope = 'within-unit' THEN 1 END) AS mwu,
     count(CASE WHEN t.kind = 'measure' AND t.scope = 'across-notices' THEN 1 END) AS man,
     count(CASE WHEN t.kind = 'headline' AND t.scope = 'across-units' THEN 1 END) AS hau,
     count(CASE WHEN t.kind = 'headline' AND t.scope = 'within-unit' THEN 1 END) AS hwu,
     count(CASE WHEN t.kind = 'headline' AND t.scope = 'across-notices' THEN 1 END) AS han
WITH n, count(m) AS measures,
     count(CASE WHEN mau > 0 THEN 1 END) AS mau, count(CASE WHEN mwu > 0 THEN 1 END) AS mwu,
     count(CASE WHEN man > 0 THEN 1 END) AS man, count(CASE WHEN hau > 0 THEN 1 END) AS hau,
     count(CASE WHEN hwu > 0 THEN 1 END) AS hwu, count(CASE WHEN han > 0 THEN 1 END) AS han
SET n.measures_taken = measures, n.measure_across_units = mau, n.measure_within_unit = mwu,
    n.measure_across_notices = man, n.headline_across_units = hau, n.headline_within_unit = hwu,
    n.headline_across_notices = han
