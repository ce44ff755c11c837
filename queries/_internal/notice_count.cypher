// name: _internal/notice_count
// summary: 通报数 | how many notices the store holds
// params: none
// mode: read
// note: run by graphkit.stores.state.read_state: a store without a GraphkitState that holds notices was written before stores kept one (format 1)
MATCH (n:Notice) RETURN count(n)
