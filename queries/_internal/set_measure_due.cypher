// name: _internal/set_measure_due
// summary: 写入整改措施的到期日 | set each measure's due (its deadline as the last day it allows)
// params: rows: list
// mode: write
// note: run by graphkit.service.migration; each row is {id, due}
UNWIND $rows AS r MATCH (m:Measure {id: r.id}) SET m.due = r.due
