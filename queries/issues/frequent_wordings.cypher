// name: issues/frequent_wordings
// summary: 最常见的问题表述 | the most frequent problem wordings (issue titles) across notices
// params: min_units: int = 1, limit: int = 50
// mode: read
// Titles are compared as written (the parser strips numbers and the 关于“…”问题 frame).
// The figures of each title are stored with the families (IssueWording, graphkit.analysis.figures):
// counting them per call walked every notice's issue tree (1.1 s at 300k measures).
MATCH (w:IssueWording)
WHERE w.units >= $min_units
RETURN w.title AS wording, w.issues AS issues, w.notices AS notices, w.units AS units, w.min_depth AS min_depth
ORDER BY issues DESC, units DESC, wording
LIMIT $limit
