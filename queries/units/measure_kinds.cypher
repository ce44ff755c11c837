// name: units/measure_kinds
// summary: 各单位整改措施类型及“纸面”类占比 | measure kinds per unit, with the share of paper kinds
// params: limit: int = 500
// mode: read
// Kinds come from schema/measure_kinds.yaml; the paper kinds (meeting, document, training) are
// listed here literally and a unit test checks they equal the yaml's.
MATCH (u:Unit)-[:TOOK]->(m:Measure)
WITH u, count(m) AS measures,
     count(CASE WHEN m.kind = 'meeting' THEN 1 END) AS meeting,
     count(CASE WHEN m.kind = 'document' THEN 1 END) AS document,
     count(CASE WHEN m.kind = 'training' THEN 1 END) AS training,
     count(CASE WHEN m.kind = 'inspection' THEN 1 END) AS inspection,
     count(CASE WHEN m.kind = 'discipline' THEN 1 END) AS discipline,
     count(CASE WHEN m.kind = 'financial' THEN 1 END) AS financial,
     count(CASE WHEN m.kind = 'fix' THEN 1 END) AS fix,
     count(CASE WHEN m.kind IN ['meeting', 'document', 'training'] THEN 1 END) AS paper
RETURN u.name AS unit, measures, meeting, document, training, inspection, discipline, financial, fix,
       measures - meeting - document - training - inspection - discipline - financial - fix AS other,
       paper, 1.0 * paper / measures AS paper_share
ORDER BY paper_share DESC, unit
LIMIT $limit
