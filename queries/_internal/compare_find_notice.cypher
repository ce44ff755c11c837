// name: _internal/compare_find_notice
// summary: 按编号或来源查找要比较的通报 | the notices whose id or source is this value, or whose source ends with this file name
// params: value: str, tail: str
// mode: read
// note: run by graphkit.service.comparing.find_notice (graphkit compare); tail is '/' + the value, so a notice is found by its file's name too
MATCH (n:Notice) WHERE n.id = $value OR n.source = $value OR n.source ENDS WITH $tail
RETURN n.id AS id, n.source AS source ORDER BY id
