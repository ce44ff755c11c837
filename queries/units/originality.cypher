// name: units/originality
// summary: 各单位整改措施原创度排名 | units ranked by originality: the share of their measures in no across-units family
// params: limit: int = 500
// mode: read
// A measure is copied when it is an instance of a MeasureTemplate of scope across-units or has a
// SIMILAR_TO pair of scope across-units; originality = uncopied measures / measures.
// The counts are the unit's stored figures (graphkit.analysis.figures, written with the families).
MATCH (u:Unit)
WHERE u.measures > 0
RETURN u.name AS unit, u.measures AS measures, u.copied AS copied, u.measures - u.copied AS original,
       1.0 * (u.measures - u.copied) / u.measures AS originality
ORDER BY originality DESC, measures DESC, unit
LIMIT $limit
