// name: _internal/clear_year_totals
// summary: 清除通报上不再适用的年度合计 | clear the year totals of these notices (they no longer hold their year's)
// params: ids: list
// mode: write
// note: run by graphkit.analysis.figures.refresh_figures, before set_year_totals
MATCH (n:Notice)
WHERE n.id IN $ids
SET n.year_notices = NULL, n.year_measures = NULL, n.year_measure_across_units = NULL,
    n.year_measure_within_unit = NULL, n.year_measure_across_notices = NULL,
    n.year_headline_across_units = NULL, n.year_headline_within_unit = NULL,
    n.year_headline_across_notices = NULL
