// name: _internal/figures_update_wording_units
// summary: 更新问题表述记录的单位列表 | set the unit lists of these IssueWording records
// params: rows: list
// mode: write
// note: run by graphkit.analysis.wordings.added_wordings for the titles a unit of the notices added did not have; each row is {id, unit_ids}
UNWIND $rows AS r
MATCH (w:IssueWording {id: r.id})
SET w.unit_ids = r.unit_ids
