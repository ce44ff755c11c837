// name: _internal/lookup_unit_names
// summary: 全部单位名称与别名 | every unit's name and aliases, to suggest the closest to a name that matched none
// params: none
// mode: read
// note: run by graphkit.service.checks.check_names when _internal/lookup_unit found nothing
MATCH (u:Unit) RETURN u.name AS name, u.aliases AS aliases ORDER BY name
