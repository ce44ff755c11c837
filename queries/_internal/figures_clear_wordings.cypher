// name: _internal/figures_clear_wordings
// summary: 删除问题表述记录 | delete the IssueWording records of these ids (every: all of them)
// params: every: bool, ids: list
// mode: write
// note: run by graphkit.analysis.figures.refresh_figures before figures_create_wordings, in its transaction
MATCH (w:IssueWording)
WHERE $every OR w.id IN $ids
DELETE w
