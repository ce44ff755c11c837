// name: _internal/figures_create_wordings
// summary: 写入问题表述记录 | store an IssueWording record per issue title: its issues, notices, units and least depth, and as a category its units, notices and problems
// params: rows: list
// mode: write
// note: run by graphkit.analysis.figures.refresh_figures; each row is {id, title, issues, notices, units, min_depth, cat_units, cat_notices, cat_problems, unit_ids} (figures_wording_counts, figures_wording_category_counts); read by issues/frequent_wordings and issues/by_category
UNWIND $rows AS r
CREATE (:IssueWording {id: r.id, title: r.title, issues: r.issues, notices: r.notices, units: r.units,
                       min_depth: r.min_depth, cat_units: r.cat_units, cat_notices: r.cat_notices,
                       cat_problems: r.cat_problems, unit_ids: r.unit_ids})
