// name: _internal/delete_similar_to_of
// summary: 删除若干措施的近似关系 | delete the SIMILAR_TO edges of these measures
// params: ids: list
// mode: write
// note: run by graphkit.analysis.incremental, in the transaction that writes the families replacing them (an edge joins two members of one family)
MATCH (a:Measure)-[s:SIMILAR_TO]->(b:Measure) WHERE a.id IN $ids OR b.id IN $ids DELETE s
