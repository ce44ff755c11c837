// name: _internal/delete_families
// summary: 删除全部重复措施族 | delete every MeasureTemplate and its INSTANCE_OF edges
// params: none
// mode: write
// note: run by graphkit.analysis.store_families.rebuild_families, in the transaction that writes the new families
MATCH (t:MeasureTemplate) DETACH DELETE t
