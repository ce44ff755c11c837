// name: _internal/unit_by_name
// summary: 按名称查找单位 | the unit of this name, if any
// params: name: str = ''
// mode: read
// note: run by graphkit.present.viz.unit_graph before it draws; an empty name finds no unit, and the caller then lists the units (_internal/unit_name_list)
MATCH (u:Unit) WHERE u.name = $name RETURN u.id
