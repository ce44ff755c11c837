// name: _internal/lookup_family
// summary: 按编号查找重复措施族 | the recycled-measure families whose id is this, or ends with it (`…:<suffix>`)
// params: value: str, suffix: str
// mode: read
// note: run by graphkit.service.checks.find_family (graphkit recycled show, a template's `family` parameter); suffix is ':' + the value, so the short id a table shows finds its family
MATCH (t:MeasureTemplate) WHERE t.id = $value OR t.id ENDS WITH $suffix RETURN t.id AS id ORDER BY id LIMIT 5
