// name: recycled/families_by_spread
// summary: 重复使用的措施族按传播范围排序 | recycled families ranked by spread (units, notices, members)
// params: kind: str = 'measure', scope: str = '', min_units: int = 1, limit: int = 50
// mode: read
// kind: measure | headline | document | sentence; scope: across-units | within-unit |
// across-notices ('' = any). Members are the Measures linked by INSTANCE_OF.
MATCH (t:MeasureTemplate)<-[:INSTANCE_OF]-(m:Measure)<-[:TOOK]-(u:Unit)
WHERE t.kind = $kind AND ($scope = '' OR t.scope = $scope)
WITH t, count(DISTINCT u) AS units, count(DISTINCT m.notice_id) AS notices, count(DISTINCT m) AS members
WHERE units >= $min_units
RETURN t.id AS family, t.scope AS scope, t.text AS text, units, notices, members
ORDER BY units DESC, notices DESC, members DESC, family
LIMIT $limit
