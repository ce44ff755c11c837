// name: _internal/set_unit_aliases
// summary: 更新单位别名 | set each unit's aliases
// params: rows: list
// mode: write
// note: run by graphkit.ingest.refresh_unit_aliases; each row is {id, aliases}
UNWIND $rows AS r MATCH (u:Unit {id: r.id}) SET u.aliases = r.aliases
