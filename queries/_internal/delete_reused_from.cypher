// name: _internal/delete_reused_from
// summary: 删除单位间的沿用关系 | delete every REUSED_FROM edge between units
// params: none
// mode: write
// note: run by graphkit.analysis.store_families.rebuild_families, in the transaction that writes the new families
MATCH (:Unit)-[r:REUSED_FROM]->(:Unit) DELETE r
