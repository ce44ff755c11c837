// name: _internal/panel_families
// summary: 面板：重复措施族 | panel: every family with its stored figures, source attribution and number of members
// params: none
// mode: read
// note: run by graphkit.service.panel (graphkit export --format panel)
MATCH (t:MeasureTemplate)
OPTIONAL MATCH (t)<-[:INSTANCE_OF]-(x)
WITH t, count(x) AS members
RETURN t.id AS family, t.kind AS kind, t.scope AS scope, t.text AS text, t.size AS size,
t.n_units AS n_units, members, t.source_unit AS source_unit, t.source_date AS source_date,
t.source_date_kind AS source_date_kind, t.source_tie AS source_tie, t.undated AS undated,
t.direction AS direction, t.levels AS levels
ORDER BY family
