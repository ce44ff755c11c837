// name: _internal/family_show_header
// summary: 一个重复措施族 | one recycled-measure family: its kind, scope, text, size and spread
// params: family: str
// mode: read
// note: run by graphkit.service.family_show.read_family (graphkit recycled show)
MATCH (t:MeasureTemplate) WHERE t.id = $family
RETURN t.kind AS kind, t.scope AS scope, t.text AS text, t.size AS size, t.n_units AS n_units
