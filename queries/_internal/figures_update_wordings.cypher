// name: _internal/figures_update_wordings
// summary: 更新问题表述记录的计数 | set the counts of these IssueWording records (their unit lists unchanged)
// params: rows: list
// mode: write
// A title shared by every notice lists every unit: writing its counts alone keeps that list out
// of the transaction (and out of the embedded store's log).
// note: run by graphkit.analysis.wordings.added_wordings; each row is {id, issues, notices, units, min_depth, cat_units, cat_notices, cat_problems}
UNWIND $rows AS r
MATCH (w:IssueWording {id: r.id})
SET w.issues = r.issues, w.notices = r.notices, w.units = r.units, w.min_depth = r.min_depth,
    w.cat_units = r.cat_units, w.cat_notices = r.cat_notices, w.cat_problems = r.cat_problems
