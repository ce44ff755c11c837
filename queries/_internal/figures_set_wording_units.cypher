// name: _internal/figures_set_wording_units
// summary: 写入问题表述的单位分桶 | write these WordingUnits records (made when new)
// params: rows: list
// mode: write
// note: run by graphkit.analysis.wordings; each row is {id, wording, unit_ids}
UNWIND $rows AS r
MERGE (c:WordingUnits {id: r.id})
SET c.wording = r.wording, c.unit_ids = r.unit_ids
