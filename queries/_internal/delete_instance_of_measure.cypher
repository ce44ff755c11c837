// name: _internal/delete_instance_of_measure
// summary: 删除一条措施与一个措施族的成员关系 | delete the INSTANCE_OF edge from one measure to one family
// params: id: str, from_id: str
// mode: write
// note: run by graphkit.analysis.store_families.write_changes, for each member that came, went or was replaced in a family an update keeps in place: anchored on the measure's key
MATCH (:Measure {id: $from_id})-[r:INSTANCE_OF]->(:MeasureTemplate {id: $id}) DELETE r
