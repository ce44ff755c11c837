// name: measures/overdue
// summary: 逾期未完成的整改措施 | measures past their deadline and not done
// params: today: str, unit: str = '', limit: int = 500
// mode: read
// today: YYYY-MM-DD. A deadline YYYY means the end of that year, YYYY-MM the end of that month:
// it is padded to -12-31 / -31 before the string comparison (a padded 2023-02-31 still sorts
// after every real day of February and before March), so it is past when padded < today.
MATCH (u:Unit)-[:TOOK]->(m:Measure)
WHERE m.deadline IS NOT NULL
  AND (m.status IS NULL OR m.status <> 'done')
  AND ($unit = '' OR u.name = $unit OR $unit IN u.aliases)
WITH u, m,
     CASE size(m.deadline) WHEN 4 THEN m.deadline + '-12-31' WHEN 7 THEN m.deadline + '-31' ELSE m.deadline END AS due
WHERE due < $today
RETURN u.name AS unit, m.notice_id AS notice, m.deadline AS deadline, m.status AS status, m.text AS measure
ORDER BY due, unit, notice, m.ord
LIMIT $limit
