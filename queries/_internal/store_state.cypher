// name: _internal/store_state
// summary: 存储状态 | the store's own record: format, graphkit version, load state, whether families are current
// params: none
// mode: read
// note: run by graphkit.stores.state.read_state when a store is opened and before and after each load, rebuild and migration
MATCH (s:GraphkitState) WHERE s.id = 'store'
RETURN s.store_format, s.graphkit_version, s.load_state, s.started, s.pid, s.host, s.families_current
