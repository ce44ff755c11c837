// name: _internal/family_count
// summary: 已存措施族的数目 | how many families (MeasureTemplate nodes) the store holds, to check the family index describes them
// params: none
// mode: read
// note: run by graphkit.analysis.incremental: a store whose families were removed or replaced otherwise is rebuilt, not updated
MATCH (t:MeasureTemplate) RETURN count(t) AS n
