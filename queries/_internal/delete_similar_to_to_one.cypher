// name: _internal/delete_similar_to_to_one
// summary: 删除指向一条措施的近似关系 | delete the SIMILAR_TO edges to one measure
// params: id: str
// mode: write
// note: run by graphkit.analysis.store_families.write_changes, with delete_similar_to_from_one, once per measure when an update rewrites the edges of few measures: anchored on the measure's key, it reads that measure's edges only (delete_similar_to_of filters every edge: at 200k measures on the embedded store 44 measures took 1.9 s that way, 0.3 s one by one; LadybugDB deletes no undirected pattern)
MATCH (:Measure)-[s:SIMILAR_TO]->(a:Measure {id: $id}) DELETE s
