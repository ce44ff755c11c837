// name: _internal/delete_instance_of_notice
// summary: 删除一份通报与一个措施族的成员关系 | delete the INSTANCE_OF edge from one notice to one family
// params: id: str, from_id: str
// mode: write
// note: run by graphkit.analysis.store_families.write_changes, for each notice whose sentences came, went or were replaced in a sentence family an update keeps in place: anchored on the notice's key
MATCH (:Notice {id: $from_id})-[r:INSTANCE_OF]->(:MeasureTemplate {id: $id}) DELETE r
