// name: _internal/figures_notice_years
// summary: 通报的年份与数字 | every notice's year and figures, to total them per year
// params: none
// mode: read
// Totalled by the store, one row per year (the year as recycled/by_year gives it); the year's
// node is its notice of smallest id. LadybugDB's sum() answers a Decimal: the caller makes it an int.
// note: run by graphkit.analysis.figures.refresh_figures after the notices' figures are written
MATCH (n:Notice)
WITH left(coalesce(n.date, n.published), 4) AS year, n
RETURN year, min(n.id) AS id, count(n) AS notices, sum(coalesce(n.measures_taken, 0)) AS measures,
       sum(coalesce(n.measure_across_units, 0)) AS mau, sum(coalesce(n.measure_within_unit, 0)) AS mwu,
       sum(coalesce(n.measure_across_notices, 0)) AS man, sum(coalesce(n.headline_across_units, 0)) AS hau,
       sum(coalesce(n.headline_within_unit, 0)) AS hwu, sum(coalesce(n.headline_across_notices, 0)) AS han
