// name: _internal/figures_units
// summary: 写入单位的措施数字 | store each unit's figures: its measures by status and kind, those in across-units families, and those copied (family or near-copy pair)
// params: every: bool, ids: list
// mode: write
// Every figure is set to 0 first, then counted by a MATCH from the unit (not an OPTIONAL MATCH,
// which LadybugDB plans as a join over every measure): a unit with no row keeps its 0.
// instanced, copied, family_ids and document_ids follow (figures_unit_instanced, …).
// The paper kinds (meeting, document, training) are schema/measure_kinds.yaml's; a unit test checks them.
// note: run by graphkit.analysis.figures.refresh_figures (every: every unit; else the units of `ids`: those touched and those never counted); read by units/originality, units/originality_rank, units/status_shares, units/measure_kinds and recycled/by_level
MATCH (u:Unit)
WHERE $every OR u.id IN $ids
SET u.measures = 0, u.status_done = 0, u.status_in_progress = 0, u.status_long_term = 0,
    u.kind_meeting = 0, u.kind_document = 0, u.kind_training = 0, u.kind_inspection = 0,
    u.kind_discipline = 0, u.kind_financial = 0, u.kind_fix = 0, u.kind_paper = 0,
    u.instanced = 0, u.copied = 0, u.family_ids = [], u.document_ids = []
WITH u
MATCH (u)-[:TOOK]->(m:Measure)
WITH u, count(m) AS measures,
     count(CASE WHEN m.status = 'done' THEN 1 END) AS done,
     count(CASE WHEN m.status = 'in_progress' THEN 1 END) AS in_progress,
     count(CASE WHEN m.status = 'long_term' THEN 1 END) AS long_term,
     count(CASE WHEN m.kind = 'meeting' THEN 1 END) AS meeting,
     count(CASE WHEN m.kind = 'document' THEN 1 END) AS document,
     count(CASE WHEN m.kind = 'training' THEN 1 END) AS training,
     count(CASE WHEN m.kind = 'inspection' THEN 1 END) AS inspection,
     count(CASE WHEN m.kind = 'discipline' THEN 1 END) AS discipline,
     count(CASE WHEN m.kind = 'financial' THEN 1 END) AS financial,
     count(CASE WHEN m.kind = 'fix' THEN 1 END) AS fix,
     count(CASE WHEN m.kind IN ['meeting', 'document', 'training'] THEN 1 END) AS paper
SET u.measures = measures, u.status_done = done, u.status_in_progress = in_progress,
    u.status_long_term = long_term, u.kind_meeting = meeting, u.kind_document = document,
    u.kind_training = training, u.kind_inspection = inspection, u.kind_discipline = discipline,
    u.kind_financial = financial, u.kind_fix = fix, u.kind_paper = paper
