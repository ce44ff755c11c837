// name: _internal/figures_clear_wording_units
// summary: 删除问题表述的单位分桶 | delete the WordingUnits records of these IssueWording ids (every: all of them)
// params: every: bool, ids: list
// mode: write
// note: run by graphkit.analysis.wordings with figures_clear_wordings, in its transaction
MATCH (c:WordingUnits)
WHERE $every OR c.wording IN $ids
DELETE c
