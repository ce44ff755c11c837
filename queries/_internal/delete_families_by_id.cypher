// name: _internal/delete_families_by_id
// summary: 删除若干措施族 | delete these families (MeasureTemplate nodes) with their INSTANCE_OF edges
// params: ids: list
// mode: write
// note: run by graphkit.analysis.incremental, in the transaction that writes the families replacing them
MATCH (t:MeasureTemplate) WHERE t.id IN $ids DETACH DELETE t
