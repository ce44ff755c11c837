// name: _internal/unit_name_list
// summary: 全部单位名称 | every unit's name, in order
// params: none
// mode: read
// note: run by graphkit.present.viz.unit_graph, to suggest a name when none matches
MATCH (u:Unit) RETURN u.name ORDER BY u.name
