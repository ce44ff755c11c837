// name: units/status_shares
// summary: 各单位整改措施完成状态占比 | status shares of measures per unit (done, in progress, long term, unstated)
// params: limit: int = 500
// mode: read
MATCH (u:Unit)-[:TOOK]->(m:Measure)
WITH u, count(m) AS measures,
     count(CASE WHEN m.status = 'done' THEN 1 END) AS done,
     count(CASE WHEN m.status = 'in_progress' THEN 1 END) AS in_progress,
     count(CASE WHEN m.status = 'long_term' THEN 1 END) AS long_term
RETURN u.name AS unit, measures, done, in_progress, long_term,
       measures - done - in_progress - long_term AS no_status,
       1.0 * done / measures AS done_share,
       1.0 * in_progress / measures AS in_progress_share,
       1.0 * long_term / measures AS long_term_share,
       1.0 * (measures - done - in_progress - long_term) / measures AS no_status_share
ORDER BY unit
LIMIT $limit
