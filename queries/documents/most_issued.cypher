// name: documents/most_issued
// summary: 各单位最常出台或引用的文件 | documents issued (or cited) most often across units, one row per Document node
// params: min_units: int = 1, limit: int = 50
// mode: read
// Document nodes are keyed by the normalised title (loaders.ids.normalise_title), so spelling
// variants of one title already share a node. Titles that differ only by the unit's name are
// families of kind 'document': see recycled/families_by_spread.
// units (of the measures issuing or citing it), measures, issued and cited are the document's
// stored figures (graphkit.analysis.figures, written with the families).
MATCH (d:Document)
WHERE d.units > 0 AND d.units >= $min_units
RETURN d.title AS document, d.units AS units, d.measures AS measures, d.issued AS issued, d.cited AS cited
ORDER BY units DESC, issued DESC, measures DESC, document
LIMIT $limit
