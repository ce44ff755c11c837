// name: _internal/set_year_totals
// summary: 写入各年的合计 | store each year's totals on the notice that holds them
// params: rows: list
// mode: write
// note: run by graphkit.analysis.figures.refresh_figures; each row is {id, notices, measures, mau, mwu, man, hau, hwu, han}; read by recycled/by_year
UNWIND $rows AS r
MATCH (n:Notice {id: r.id})
SET n.year_notices = r.notices, n.year_measures = r.measures, n.year_measure_across_units = r.mau,
    n.year_measure_within_unit = r.mwu, n.year_measure_across_notices = r.man,
    n.year_headline_across_units = r.hau, n.year_headline_within_unit = r.hwu,
    n.year_headline_across_notices = r.han
