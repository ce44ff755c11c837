// name: _internal/panel_issues
// summary: 面板：全部问题 | panel: every issue with its notice, path and depth
// params: none
// mode: read
// note: run by graphkit.service.panel (graphkit export --format panel)
MATCH (i:Issue)
RETURN i.id AS id, i.notice_id AS notice, i.path AS path, i.depth AS depth
