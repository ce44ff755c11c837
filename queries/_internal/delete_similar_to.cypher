// name: _internal/delete_similar_to
// summary: 删除措施间的近似关系 | delete every SIMILAR_TO edge between measures
// params: none
// mode: write
// note: run by graphkit.analysis.store_families.rebuild_families, in the transaction that writes the new families
MATCH (:Measure)-[s:SIMILAR_TO]->(:Measure) DELETE s
