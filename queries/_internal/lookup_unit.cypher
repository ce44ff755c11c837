// name: _internal/lookup_unit
// summary: 按名称或别名查找单位 | the unit with this name or alias, if any
// params: value: str
// mode: read
// note: run by graphkit.service.checks.check_names before a template whose `unit` parameter names a unit runs
MATCH (u:Unit) WHERE u.name = $value OR $value IN u.aliases RETURN u.id AS id LIMIT 1
