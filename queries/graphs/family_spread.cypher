// name: graphs/family_spread
// summary: 重复措施家族及其单位 | recycled-measure families with their measures and units, as a graph
// params: min_units: int = 2, limit: int = 400
// mode: read
// The widest families are picked first (each with a member taken by a unit, its stored figure
// members > 0, gives at least one row), then their members.
MATCH (t:MeasureTemplate)
WHERE t.kind = 'measure' AND t.n_units >= $min_units AND t.members > 0
WITH t ORDER BY t.n_units DESC, t.id LIMIT $limit
MATCH (t)<-[r1:INSTANCE_OF]-(m:Measure)<-[r2:TOOK]-(u:Unit)
RETURN t, r1, m, r2, u
ORDER BY t.n_units DESC, t.id, m.id
LIMIT $limit
