// name: _internal/panel_reuse_edges
// summary: 面板：单位间的沿用关系 | panel: every REUSED_FROM edge between units, with its family, days, score and direction
// params: none
// mode: read
// note: run by graphkit.service.panel (graphkit export --format panel)
MATCH (a:Unit)-[r:REUSED_FROM]->(b:Unit)
RETURN a.name AS unit, a.id AS unit_id, b.name AS source_unit, b.id AS source_unit_id,
r.family AS family, r.days AS days, r.score AS score, r.direction AS direction, r.tie AS tie
