// name: recycled/by_year
// summary: 各年通报中重复使用的措施 | reuse over time: per year of notice, measures in families of each scope, and their shares
// params: kind: str = 'measure', limit: int = 100
// mode: read
// year: the first four characters of the notice's date (Notice.date: published, else feedback,
// else inspection end, as families are ordered; its published date where a store has no date;
// null when there is none: that row comes last). A measure counts once in a scope when it is a member (INSTANCE_OF)
// of at least one family (MeasureTemplate) of that kind and scope; kind: measure | headline.
// Notices without measures count in notices only; shares are of the year's measures.
// The counts are totals stored on one notice of each year (graphkit.analysis.figures, written
// with the families; only measure and headline families have measures as members).
MATCH (n:Notice)
WHERE n.year_notices IS NOT NULL
WITH left(coalesce(n.date, n.published), 4) AS year, n.year_notices AS notices, n.year_measures AS measures,
     CASE $kind WHEN 'measure' THEN n.year_measure_across_units WHEN 'headline' THEN n.year_headline_across_units
          ELSE 0 END AS across_units,
     CASE $kind WHEN 'measure' THEN n.year_measure_within_unit WHEN 'headline' THEN n.year_headline_within_unit
          ELSE 0 END AS within_unit,
     CASE $kind WHEN 'measure' THEN n.year_measure_across_notices
          WHEN 'headline' THEN n.year_headline_across_notices ELSE 0 END AS across_notices
RETURN year, notices, measures, across_units, within_unit, across_notices,
       CASE WHEN measures = 0 THEN NULL ELSE 1.0 * across_units / measures END AS across_units_share,
       CASE WHEN measures = 0 THEN NULL ELSE 1.0 * within_unit / measures END AS within_unit_share,
       CASE WHEN measures = 0 THEN NULL ELSE 1.0 * across_notices / measures END AS across_notices_share
ORDER BY year
LIMIT $limit
