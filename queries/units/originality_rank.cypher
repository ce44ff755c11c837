// name: units/originality_rank
// summary: 某单位的原创度排名 | one unit's originality and its rank among all units (1 = most original)
// params: unit: str
// mode: read
// Same definition as units/originality. Ties share a rank; the comparison is exact
// (cross-multiplied counts, no floats), so both stores rank alike.
// The counts are the units' stored figures (graphkit.analysis.figures, written with the families).
MATCH (u:Unit)
WHERE (u.name = $unit OR $unit IN u.aliases) AND u.measures > 0
MATCH (v:Unit)
WHERE v.measures > 0
WITH u, count(v) AS units,
     count(CASE WHEN (v.measures - v.copied) * u.measures > (u.measures - u.copied) * v.measures THEN 1 END) AS ahead
RETURN u.name AS unit, u.measures AS measures, u.copied AS copied,
       1.0 * (u.measures - u.copied) / u.measures AS originality, ahead + 1 AS rank, units
ORDER BY unit
