// name: _internal/set_family
// summary: 更新一个原地保留的措施族的属性 | set the properties of a family an update keeps in place
// params: id: str, text: str, size: int, n_units: int, source_unit: str = null, source_date: str = null, source_date_kind: str = null, source_tie: int = null, undated: int = null, direction: str = null, levels: str = null
// mode: write
// note: run by graphkit.analysis.store_families.write_changes for a family whose id an update keeps (ids come from the family's least member): its detection and attribution properties only, its figures are refreshed after (graphkit.analysis.figures)
MATCH (t:MeasureTemplate {id: $id})
SET t.text = $text, t.size = $size, t.n_units = $n_units, t.source_unit = $source_unit,
    t.source_date = $source_date, t.source_date_kind = $source_date_kind, t.source_tie = $source_tie,
    t.undated = $undated, t.direction = $direction, t.levels = $levels
