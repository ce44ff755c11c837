// name: _internal/lookup_family_names
// summary: 全部重复措施族的编号 | every family's id, to suggest the closest to an id that matched none
// params: none
// mode: read
// note: run by graphkit.service.checks.check_names when _internal/lookup_family found nothing
MATCH (t:MeasureTemplate) RETURN t.id AS id ORDER BY id
