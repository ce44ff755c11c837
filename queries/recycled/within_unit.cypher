// name: recycled/within_unit
// summary: 单位内跨问题重复使用的措施 | measures a unit reuses across its own issues (families of scope within-unit)
// params: unit: str = '', limit: int = 100
// mode: read
// Each unit's members of each within-unit family and the issues they answer are stored with the
// families (UnitFamily, graphkit.analysis.figures): counting them per call read every member
// (0.4 s at 300k measures). The family's text is read from the family. Only names and figures
// are carried to the ORDER BY (LadybugDB's top-k carried each unit's lists: 105 -> 79 ms).
MATCH (r:UnitFamily)
MATCH (u:Unit)
WHERE u.id = r.unit_id AND ($unit = '' OR u.name = $unit OR $unit IN u.aliases)
WITH u.name AS unit, r.family AS family, r.issues AS issues, r.measures AS measures
ORDER BY issues DESC, measures DESC, unit, family
LIMIT $limit
MATCH (t:MeasureTemplate)
WHERE t.id = family
RETURN unit, t.id AS family, t.text AS text, issues, measures
ORDER BY issues DESC, measures DESC, unit, family
