// name: measures/overdue
// summary: 逾期未完成的整改措施 | measures past their deadline and not done
// params: today: str, unit: str = '', limit: int = 500
// mode: read
// today: YYYY-MM-DD. A measure's `due` is its deadline as the last day it allows (YYYY → the end of
// that year, YYYY-MM → the end of that month, padded to -31: a padded 2023-02-31 still sorts after
// every real day of February and before March), stored at load; it is past when due < today. The
// earliest due first, then a notice's measures in their order: Neo4j reads them in the order of
// its index on (due, notice_id), which the `IS NOT NULL` condition (true of every measure) lets
// it use, and stops at the limit instead of reading every overdue measure.
MATCH (m:Measure)
WHERE m.due < $today AND m.notice_id IS NOT NULL AND (m.status IS NULL OR m.status <> 'done')
MATCH (u:Unit)-[:TOOK]->(m)
WHERE $unit = '' OR u.name = $unit OR $unit IN u.aliases
RETURN u.name AS unit, m.notice_id AS notice, m.deadline AS deadline, m.status AS status, m.text AS measure
ORDER BY m.due, notice, m.ord
LIMIT $limit
