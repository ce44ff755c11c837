// name: _internal/measures_without_due
// summary: 缺少到期日的整改措施 | measures with a deadline but no `due` (a store of format 5 or earlier)
// params: limit: int
// mode: read
// note: read by graphkit.service.migration, which writes each one's due (graphkit.records.due_date) with _internal/set_measure_due
MATCH (m:Measure)
WHERE m.deadline IS NOT NULL AND m.due IS NULL
RETURN m.id AS id, m.deadline AS deadline
LIMIT $limit
