// name: _internal/lookup_notice
// summary: 按编号、标题或来源查找通报 | the notice with this id, title or source, if any
// params: value: str
// mode: read
// note: run by graphkit.service.checks.check_names before a template whose `notice` parameter names a notice runs
MATCH (n:Notice) WHERE n.id = $value OR n.title = $value OR n.source = $value RETURN n.id AS id LIMIT 1
