// name: units/profile
// summary: 单位画像 | a unit's profile: notices, inspections, issue categories, problems, measures, status shares, leaders
// params: unit: str
// mode: read
// unit: the normalised name (东河县委) or any spelling the notices use (中共东河县委)
// problems are leaf issues (issues with no finer issue under them); group_leader is the 组长 of the latest notice
MATCH (u:Unit)
WHERE u.name = $unit OR $unit IN u.aliases
OPTIONAL MATCH (u)-[:REPORTED]->(n:Notice)
WITH u, count(DISTINCT n) AS notices
OPTIONAL MATCH (ins:Inspection)-[:INSPECTED]->(u)
WITH u, notices, count(DISTINCT ins) AS inspections
OPTIONAL MATCH (u)-[:REPORTED]->(:Notice)-[:HAS_ISSUE]->(c:Issue)
WITH u, notices, inspections, count(DISTINCT c) AS categories
OPTIONAL MATCH (u)-[:REPORTED]->(:Notice)-[:HAS_ISSUE]->(:Issue)-[:HAS_SUBISSUE*0..8]->(p:Issue)
WHERE NOT EXISTS { MATCH (p)-[:HAS_SUBISSUE]->(:Issue) }
WITH u, notices, inspections, categories, count(DISTINCT p) AS problems
OPTIONAL MATCH (u)-[:TOOK]->(m:Measure)
WITH u, notices, inspections, categories, problems,
     count(m) AS measures,
     count(CASE WHEN m.status = 'done' THEN 1 END) AS done,
     count(CASE WHEN m.status = 'in_progress' THEN 1 END) AS in_progress,
     count(CASE WHEN m.status = 'long_term' THEN 1 END) AS long_term
OPTIONAL MATCH (u)-[:HAS_ROLE]->(r:Role)
WITH u, notices, inspections, categories, problems, measures, done, in_progress, long_term,
     count(DISTINCT r.role) AS roles, count(DISTINCT r.person) AS named_people
OPTIONAL MATCH (u)-[:REPORTED]->(ln:Notice)<-[:LEADS]-(g:Role)
WHERE g.role = '组长'
WITH u, notices, inspections, categories, problems, measures, done, in_progress, long_term, roles, named_people,
     g.position AS group_leader_position, g.person AS group_leader
ORDER BY coalesce(ln.published, '') DESC, ln.id DESC, group_leader_position, group_leader
LIMIT 1
RETURN u.name AS unit, notices, inspections, categories, problems, measures,
       done, in_progress, long_term, measures - done - in_progress - long_term AS no_status,
       CASE WHEN measures = 0 THEN NULL ELSE 1.0 * done / measures END AS done_share,
       CASE WHEN measures = 0 THEN NULL ELSE 1.0 * in_progress / measures END AS in_progress_share,
       CASE WHEN measures = 0 THEN NULL ELSE 1.0 * long_term / measures END AS long_term_share,
       roles, named_people, group_leader_position, group_leader
