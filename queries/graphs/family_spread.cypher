// name: graphs/family_spread
// summary: 重复措施家族及其单位 | recycled-measure families with their measures and units, as a graph
// params: min_units: int = 2, limit: int = 400
// mode: read
MATCH (t:MeasureTemplate)<-[r1:INSTANCE_OF]-(m:Measure)<-[r2:TOOK]-(u:Unit)
WHERE t.kind = 'measure' AND t.n_units >= $min_units
RETURN t, r1, m, r2, u
ORDER BY t.n_units DESC, t.id, m.id
LIMIT $limit
