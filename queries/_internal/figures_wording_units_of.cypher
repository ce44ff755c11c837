// name: _internal/figures_wording_units_of
// summary: 若干问题表述单位分桶 | the WordingUnits records of these ids, with their units
// params: ids: list
// mode: read
// note: run by graphkit.analysis.wordings.added_wordings: the buckets of the units of the notices just added, for the titles too widely used to list their units on their IssueWording
MATCH (c:WordingUnits)
WHERE c.id IN $ids
RETURN c.id AS id, c.unit_ids AS unit_ids
