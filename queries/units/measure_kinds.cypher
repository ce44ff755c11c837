// name: units/measure_kinds
// summary: 各单位整改措施类型及“纸面”类占比 | measure kinds per unit, with the share of paper kinds
// params: limit: int = 500
// mode: read
// Kinds come from schema/measure_kinds.yaml; the paper kinds (meeting, document, training) are
// listed literally where the figures are counted (queries/_internal/figures_units) and a unit test
// checks they equal the yaml's.
// The counts are the unit's stored figures (graphkit.analysis.figures, written with the families).
MATCH (u:Unit)
WHERE u.measures > 0
WITH u, u.measures AS measures, u.kind_meeting AS meeting, u.kind_document AS document,
     u.kind_training AS training, u.kind_inspection AS inspection, u.kind_discipline AS discipline,
     u.kind_financial AS financial, u.kind_fix AS fix, u.kind_paper AS paper
RETURN u.name AS unit, measures, meeting, document, training, inspection, discipline, financial, fix,
       measures - meeting - document - training - inspection - discipline - financial - fix AS other,
       paper, 1.0 * paper / measures AS paper_share
ORDER BY paper_share DESC, unit
LIMIT $limit
