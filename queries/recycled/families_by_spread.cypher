// name: recycled/families_by_spread
// summary: 重复使用的措施族按传播范围排序 | recycled families ranked by spread (units, notices, members)
// params: kind: str = 'measure', scope: str = '', min_units: int = 1, limit: int = 50
// mode: read
// kind: measure | headline | document | sentence; scope: across-units | within-unit |
// across-notices ('' = any). Members are the Measures linked by INSTANCE_OF.
// units, notices and members are the family's stored figures over its member measures taken by a
// unit (graphkit.analysis.figures, written with the families).
MATCH (t:MeasureTemplate)
WHERE t.kind = $kind AND ($scope = '' OR t.scope = $scope) AND t.members > 0 AND t.member_units >= $min_units
RETURN t.id AS family, t.scope AS scope, t.text AS text, t.member_units AS units, t.member_notices AS notices,
       t.members AS members
ORDER BY units DESC, notices DESC, members DESC, family
LIMIT $limit
