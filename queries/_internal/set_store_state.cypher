// name: _internal/set_store_state
// summary: 写入存储状态 | write the store's own record (one GraphkitState node, id `store`)
// params: store_format: int, graphkit_version: str = '', load_state: str, started: str = '', pid: int, host: str = '', families_current: bool
// mode: write
// note: run by graphkit.stores.state (write_state, state_statement): in the first batch's transaction when a load starts writing, and after a load, rebuild or migration ends
MERGE (s:GraphkitState {id: 'store'})
SET s.store_format = $store_format, s.graphkit_version = $graphkit_version, s.load_state = $load_state,
    s.started = $started, s.pid = $pid, s.host = $host, s.families_current = $families_current
