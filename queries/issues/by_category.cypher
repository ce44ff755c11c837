// name: issues/by_category
// summary: 各单位按问题类别统计 | issues by category (top-level issue title) across units
// params: contains: str = '', limit: int = 200
// mode: read
// contains: keep categories whose title contains this text ('' keeps all).
// problems are the leaf issues under the category (a category with no sub-issue is its own problem).
// The figures of each title are stored with the families (IssueWording, graphkit.analysis.figures):
// counting them per call walked every notice's issue tree (0.9 s at 300k measures).
MATCH (w:IssueWording)
WHERE w.cat_problems > 0 AND ($contains = '' OR w.title CONTAINS $contains)
RETURN w.title AS category, w.cat_units AS units, w.cat_notices AS notices, w.cat_problems AS problems
ORDER BY units DESC, problems DESC, category
LIMIT $limit
