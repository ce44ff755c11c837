// name: issues/paper_only
// summary: 仅以“纸面”措施整改的问题（按单位） | per unit: issues answered only by paper measures (meetings, documents, study), and their share
// params: unit: str = '', limit: int = 500
// mode: read
// An issue is answered when at least one measure ADDRESSES it; it is answered only on paper when
// every one of those measures is of a paper kind (meeting, document, training:
// schema/measure_kinds.yaml; a unit test checks the list equals the yaml's).
// paper_only_share = paper_only / answered. issues/paper_only_issues lists the issues of one unit.
MATCH (u:Unit)-[:TOOK]->(m:Measure)-[:ADDRESSES]->(i:Issue)
WHERE $unit = '' OR u.name = $unit OR $unit IN u.aliases
WITH u, i, count(m) AS measures,
     count(CASE WHEN m.kind IN ['meeting', 'document', 'training'] THEN 1 END) AS paper
WITH u, count(i) AS answered, count(CASE WHEN paper = measures THEN 1 END) AS paper_only
RETURN u.name AS unit, answered, paper_only, 1.0 * paper_only / answered AS paper_only_share
ORDER BY paper_only DESC, paper_only_share DESC, unit
LIMIT $limit
