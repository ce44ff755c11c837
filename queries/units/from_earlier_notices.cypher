// name: units/from_earlier_notices
// summary: 沿用本单位早期通报措施最多的单位 | units with the most measures taken from their own earlier notices (families of scope across-notices)
// params: unit: str = '', limit: int = 100
// mode: read
// A member of a measure family of scope across-notices is taken from an earlier notice when its
// notice is dated after the family's earliest member's notice (Notice.date, as families are
// ordered: published, else feedback, else inspection end; published where a store has no date;
// ISO strings compared; members of notices without a date, or of the earliest date, do not count).
// taken_share = taken / all the unit's measures; notices = the later notices holding them.
// The counts are the unit's stored figures (graphkit.analysis.figures, written with the families).
MATCH (u:Unit)
WHERE u.taken > 0 AND ($unit = '' OR u.name = $unit OR $unit IN u.aliases)
RETURN u.name AS unit, u.taken AS taken, u.taken_families AS families, u.taken_notices AS notices,
       u.measures AS measures, 1.0 * u.taken / u.measures AS taken_share
ORDER BY taken DESC, taken_share DESC, unit
LIMIT $limit
