// name: _internal/delete_reused_from_of
// summary: 删除若干措施族的沿用关系 | delete the REUSED_FROM edges of these families
// params: ids: list
// mode: write
// note: run by graphkit.analysis.incremental, in the transaction that writes the families replacing them
MATCH (:Unit)-[r:REUSED_FROM]->(:Unit) WHERE r.family IN $ids DELETE r
