// name: _internal/figures_families
// summary: 写入族的传播数字 | store each family's figures: its member measures, their units and notices
// params: every: bool, ids: list
// mode: write
// unit_ids are written after it by set_unit_ids (sorted, so both stores hold the same list).
// note: run by graphkit.analysis.figures.refresh_figures (every: every family; else the families of `ids`); read by recycled/families_by_spread and units/shared_measures
MATCH (t:MeasureTemplate)
WHERE $every OR t.id IN $ids
OPTIONAL MATCH (t)<-[:INSTANCE_OF]-(m:Measure)<-[:TOOK]-(u:Unit)
WITH t, count(DISTINCT m) AS members, count(DISTINCT u) AS units, count(DISTINCT m.notice_id) AS notices
SET t.members = members, t.member_units = units, t.member_notices = notices, t.unit_ids = NULL
