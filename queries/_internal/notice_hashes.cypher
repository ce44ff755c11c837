// name: _internal/notice_hashes
// summary: 全部通报及其内容指纹 | every notice with its content hash, to find what changed since the family index was written
// params: none
// mode: read
// note: run by graphkit.analysis.incremental (notices in the store and not in the index, or changed, are updated)
MATCH (n:Notice) RETURN n.id AS nid, n.content_hash AS hash ORDER BY nid
