// name: _internal/unit_ranks
// summary: 单位的层级与行政区划代码 | every unit's level and division code, for the direction of a family (vertical or horizontal)
// params: none
// mode: read
// note: run by graphkit.analysis.store_families.unit_ranks
MATCH (u:Unit) RETURN u.id AS uid, u.level AS ulevel, u.division_code AS ucode ORDER BY uid
