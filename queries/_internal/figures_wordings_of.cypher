// name: _internal/figures_wordings_of
// summary: 若干问题表述的已存计数 | the stored IssueWording records of these ids, with their counts and units (their list: empty when in buckets)
// params: ids: list
// mode: read
// note: run by graphkit.analysis.wordings.added_wordings, which adds the counts of the notices just added to these
MATCH (w:IssueWording)
WHERE w.id IN $ids
RETURN w.id AS id, w.issues AS issues, w.notices AS notices, w.min_depth AS min_depth,
       w.cat_units AS cat_units, w.cat_notices AS cat_notices, w.cat_problems AS cat_problems,
       w.unit_ids AS unit_ids, w.units AS units
