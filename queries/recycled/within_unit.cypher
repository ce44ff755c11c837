// name: recycled/within_unit
// summary: 单位内跨问题重复使用的措施 | measures a unit reuses across its own issues (families of scope within-unit)
// params: unit: str = '', limit: int = 100
// mode: read
// Each unit's members of each within-unit family and the issues they answer are stored with the
// families (UnitFamily, graphkit.analysis.figures): counting them per call read every member
// (0.4 s at 300k measures). The record holds the unit's name (a unit's id is made from its
// name); the unit itself is read only to match `unit` by name or alias, and the family's text
// from the family, for the rows kept.
MATCH (r:UnitFamily)
WHERE $unit = '' OR EXISTS { MATCH (u:Unit) WHERE u.id = r.unit_id AND (u.name = $unit OR $unit IN u.aliases) }
WITH r
ORDER BY r.issues DESC, r.measures DESC, r.unit, r.family
LIMIT $limit
MATCH (t:MeasureTemplate)
WHERE t.id = r.family
RETURN r.unit AS unit, t.id AS family, t.text AS text, r.issues AS issues, r.measures AS measures
ORDER BY issues DESC, measures DESC, unit, family
