// name: _internal/figures_touched
// summary: 需重算数字的族与文件 | the families and documents whose figures these units' changes may have changed
// params: units: list
// mode: read
// Each part starts from the units (a small label: `u.id IN $units`, then their own edges) or
// reads one scalar property of a label (the nodes never counted): never a scan of every
// measure or of every family's list of units. The families and documents a unit left are in
// its family_ids and document_ids, stored when it was last counted; a unit without them (written
// anew by a load, which clears its figures) is answered as 'unlisted', and
// figures_touched_unlisted reads the families' and documents' lists for it.
// note: run by graphkit.analysis.figures.refresh_figures(store, units=…): families and documents a unit's measures belong to now, or did when last counted, and those never counted; the notices of the units, and notices ('new notice') and units never counted
MATCH (t:MeasureTemplate)
WHERE t.members IS NULL
RETURN 'family' AS what, t.id AS id
UNION ALL
MATCH (u:Unit)-[:TOOK]->(:Measure)-[:INSTANCE_OF]->(t:MeasureTemplate)
WHERE u.id IN $units
RETURN DISTINCT 'family' AS what, t.id AS id
UNION ALL
MATCH (u:Unit)
WHERE u.id IN $units
UNWIND u.family_ids AS f
RETURN DISTINCT 'family' AS what, f AS id
UNION ALL
MATCH (d:Document)
WHERE d.units IS NULL
RETURN 'document' AS what, d.id AS id
UNION ALL
MATCH (u:Unit)-[:TOOK]->(:Measure)-[:ISSUED|CITES]->(d:Document)
WHERE u.id IN $units
RETURN DISTINCT 'document' AS what, d.id AS id
UNION ALL
MATCH (u:Unit)
WHERE u.id IN $units
UNWIND u.document_ids AS d
RETURN DISTINCT 'document' AS what, d AS id
UNION ALL
MATCH (u:Unit)-[:REPORTED]->(n:Notice)
WHERE u.id IN $units
RETURN DISTINCT 'notice' AS what, n.id AS id
UNION ALL
MATCH (n:Notice)
WHERE n.measures_taken IS NULL
RETURN 'new notice' AS what, n.id AS id
UNION ALL
MATCH (u:Unit)
WHERE u.id IN $units AND u.family_ids IS NULL
RETURN 'unlisted' AS what, u.id AS id
UNION ALL
MATCH (u:Unit)
WHERE u.measures IS NULL OR u.taken IS NULL OR u.answered IS NULL OR u.family_ids IS NULL
RETURN 'unit' AS what, u.id AS id
