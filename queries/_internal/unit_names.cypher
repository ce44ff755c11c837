// name: _internal/unit_names
// summary: 单位名称与别名 | every unit's name and aliases, removed from texts before they are compared
// params: none
// mode: read
// note: run by graphkit.analysis.store_families.unit_names
MATCH (u:Unit) RETURN u.id AS uid, u.name AS uname, u.aliases AS ualiases ORDER BY uid
