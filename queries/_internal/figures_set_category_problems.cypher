// name: _internal/figures_set_category_problems
// summary: 写入类别下的具体问题数 | store each category's problems (leaf issues under it)
// params: rows: list
// mode: write
// note: run by graphkit.analysis.figures.refresh_figures; each row is {id, problems} (figures_category_problems, 0 for a category without a row); read by figures_wording_category_counts
UNWIND $rows AS r
MATCH (c:Issue {id: r.id})
SET c.problems = r.problems
