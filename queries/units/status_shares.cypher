// name: units/status_shares
// summary: 各单位整改措施完成状态占比 | status shares of measures per unit (done, in progress, long term, unstated)
// params: limit: int = 500
// mode: read
// The counts are the unit's stored figures (graphkit.analysis.figures, written with the families).
MATCH (u:Unit)
WHERE u.measures > 0
WITH u, u.measures AS measures, u.status_done AS done, u.status_in_progress AS in_progress,
     u.status_long_term AS long_term
RETURN u.name AS unit, measures, done, in_progress, long_term,
       measures - done - in_progress - long_term AS no_status,
       1.0 * done / measures AS done_share,
       1.0 * in_progress / measures AS in_progress_share,
       1.0 * long_term / measures AS long_term_share,
       1.0 * (measures - done - in_progress - long_term) / measures AS no_status_share
ORDER BY unit
LIMIT $limit
