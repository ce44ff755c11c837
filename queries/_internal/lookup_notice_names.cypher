// name: _internal/lookup_notice_names
// summary: 全部通报的编号、标题与单位 | every notice's id, title and unit, to suggest the closest to a value that matched none
// params: none
// mode: read
// note: run by graphkit.service.checks.check_names when _internal/lookup_notice found nothing
MATCH (n:Notice) RETURN n.id AS id, n.title AS title, n.unit_name AS unit ORDER BY id
