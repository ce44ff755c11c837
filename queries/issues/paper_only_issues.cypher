// name: issues/paper_only_issues
// summary: 某单位仅以“纸面”措施整改的问题 | one unit's issues answered only by paper measures, with their measures by kind
// params: unit: str, limit: int = 500
// mode: read
// unit: the normalised name or any spelling the notices use. An issue qualifies when every
// measure that ADDRESSES it is of a paper kind (meeting, document, training:
// schema/measure_kinds.yaml); path is its place in the notice's issue tree (2.1.3).
MATCH (u:Unit)-[:TOOK]->(m:Measure)-[:ADDRESSES]->(i:Issue)
WHERE u.name = $unit OR $unit IN u.aliases
WITH u, i, count(m) AS measures,
     count(CASE WHEN m.kind = 'meeting' THEN 1 END) AS meeting,
     count(CASE WHEN m.kind = 'document' THEN 1 END) AS document,
     count(CASE WHEN m.kind = 'training' THEN 1 END) AS training
WHERE meeting + document + training = measures
RETURN u.name AS unit, i.notice_id AS notice, i.path AS path, i.title AS issue,
       measures, meeting, document, training
ORDER BY notice, i.ord, path
LIMIT $limit
