// name: inspections/teams_by_round
// summary: 各轮巡视巡察组及其巡视的单位 | inspection teams and the units they inspected, by round
// params: round: str = '', limit: int = 1000
// mode: read
// round: text contained in the round ('' = every round; inspections with no stated round are
// listed with round null).
MATCH (ins:Inspection)-[:INSPECTED]->(u:Unit)
WHERE $round = '' OR ins.round CONTAINS $round
OPTIONAL MATCH (n:Notice)-[:ON_INSPECTION]->(ins)
WITH ins, u, count(DISTINCT n) AS notices
RETURN ins.round AS round, ins.team AS team, ins.kind AS kind, u.name AS unit,
       ins.start_date AS start_date, ins.feedback_date AS feedback_date, notices, ins.id AS inspection
ORDER BY round, team, unit, start_date, kind, inspection
LIMIT $limit
