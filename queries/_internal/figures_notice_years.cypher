// name: _internal/figures_notice_years
// summary: 通报的年份与数字 | every notice's year and figures, to total them per year
// params: none
// mode: read
// note: run by graphkit.analysis.figures.refresh_figures after the notices' figures are written; the year as recycled/by_year gives it
MATCH (n:Notice)
RETURN n.id AS id, left(coalesce(n.date, n.published), 4) AS year, n.measures_taken AS measures,
       n.measure_across_units AS mau, n.measure_within_unit AS mwu, n.measure_across_notices AS man,
       n.headline_across_units AS hau, n.headline_within_unit AS hwu, n.headline_across_notices AS han,
       n.year_notices IS NOT NULL AS holds
