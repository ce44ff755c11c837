// name: _internal/delete_instance_of_family
// summary: 删除一个措施族的全部成员关系 | delete every INSTANCE_OF edge of one family
// params: id: str
// mode: write
// note: run by graphkit.analysis.store_families.write_changes for a document family an update keeps in place (a dropped member's document is not known): its edges are written again
MATCH ()-[r:INSTANCE_OF]->(t:MeasureTemplate {id: $id}) DELETE r
