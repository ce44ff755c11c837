// name: _internal/figures_units
// summary: 写入单位的措施数字 | store each unit's figures: its measures by status and kind, those in across-units families, and those copied (family or near-copy pair)
// params: every: bool, ids: list
// mode: write
// The paper kinds (meeting, document, training) are schema/measure_kinds.yaml's; a unit test checks them.
// note: run by graphkit.analysis.figures.refresh_figures (every: every unit; else the units of `ids`, and units never counted); read by units/originality, units/originality_rank, units/status_shares, units/measure_kinds and recycled/by_level
MATCH (u:Unit)
WHERE $every OR u.id IN $ids OR u.measures IS NULL
OPTIONAL MATCH (u)-[:TOOK]->(m:Measure)
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
WITH u
OPTIONAL MATCH (u)-[:TOOK]->(a:Measure)-[:INSTANCE_OF]->(t:MeasureTemplate)
WHERE t.scope = 'across-units'
WITH u, count(DISTINCT a) AS instanced
OPTIONAL MATCH (u)-[:TOOK]->(b:Measure)-[s:SIMILAR_TO]-(:Measure)
WHERE s.scope = 'across-units'
WITH u, instanced, count(DISTINCT b) AS similar
OPTIONAL MATCH (u)-[:TOOK]->(c:Measure)-[s:SIMILAR_TO]-(:Measure), (c)-[:INSTANCE_OF]->(t:MeasureTemplate)
WHERE s.scope = 'across-units' AND t.scope = 'across-units'
WITH u, instanced, similar, count(DISTINCT c) AS both
SET u.instanced = instanced, u.copied = instanced + similar - both
