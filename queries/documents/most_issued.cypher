// name: documents/most_issued
// summary: 各单位最常出台或引用的文件 | documents issued (or cited) most often across units, one row per Document node
// params: min_units: int = 1, limit: int = 50
// mode: read
// Document nodes are keyed by the normalised title (loaders.ids.normalise_title), so spelling
// variants of one title already share a node. Titles that differ only by the unit's name are
// families of kind 'document': see recycled/families_by_spread.
MATCH (d:Document)<-[:ISSUED|CITES]-(m:Measure)<-[:TOOK]-(u:Unit)
WITH d, count(DISTINCT u) AS units, count(DISTINCT m) AS measures
WHERE units >= $min_units
OPTIONAL MATCH (mi:Measure)-[:ISSUED]->(d)
WITH d, units, measures, count(DISTINCT mi) AS issued
OPTIONAL MATCH (mc:Measure)-[:CITES]->(d)
WITH d, units, measures, issued, count(DISTINCT mc) AS cited
RETURN d.title AS document, units, measures, issued, cited
ORDER BY units DESC, issued DESC, measures DESC, document
LIMIT $limit
