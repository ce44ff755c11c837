// name: _internal/family_sources
// summary: 若干措施族已存的来源单位、最早日期、并列数、文本与无日期单位数 | the stored source unit, earliest date, tie, text and undated units of these families
// params: ids: list
// mode: read
// note: run by graphkit.analysis.store_families.write_changes: a family an update keeps in place whose candidate sources stand has only the REUSED_FROM edges of its changed units rewritten; and by graphkit.analysis.incremental.grown, for a family that only gained members (its text and undated units carried over)
MATCH (t:MeasureTemplate) WHERE t.id IN $ids
RETURN t.id AS id, t.source_unit AS source_unit, t.source_date AS source_date, t.source_tie AS source_tie,
       t.text AS text, t.undated AS undated
