// name: _internal/figures_totals_held
// summary: 已存的合计 | the units and notices holding totals now, with them
// params: none
// mode: read
// note: run by graphkit.analysis.figures.refresh_figures, to clear the totals of nodes that no longer hold their group's and to write only the totals that changed
MATCH (u:Unit)
WHERE u.level_units IS NOT NULL
RETURN 'level' AS what, u.id AS id, [u.level_units, u.level_measures, u.level_instanced] AS totals
UNION ALL
MATCH (n:Notice)
WHERE n.year_notices IS NOT NULL
RETURN 'year' AS what, n.id AS id,
       [n.year_notices, n.year_measures, n.year_measure_across_units, n.year_measure_within_unit,
        n.year_measure_across_notices, n.year_headline_across_units, n.year_headline_within_unit,
        n.year_headline_across_notices] AS totals
