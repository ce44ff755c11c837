// name: _internal/delete_reused_from_later
// summary: 删除一个单位在一个措施族中的沿用关系 | delete the REUSED_FROM edges of one later unit in one family
// params: id: str, later: str
// mode: write
// note: run by graphkit.analysis.store_families.write_changes for each unit with a changed member of a family an update keeps in place, when the family's candidate sources stand: anchored on the unit's key
MATCH (:Unit {id: $later})-[r:REUSED_FROM]->(:Unit) WHERE r.family = $id DELETE r
