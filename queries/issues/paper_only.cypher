// name: issues/paper_only
// summary: 仅以“纸面”措施整改的问题（按单位） | per unit: issues answered only by paper measures (meetings, documents, study), and their share
// params: unit: str = '', limit: int = 500
// mode: read
// An issue is answered when at least one measure ADDRESSES it; it is answered only on paper when
// every one of those measures is of a paper kind (meeting, document, training:
// schema/measure_kinds.yaml, listed where the figures are counted: queries/_internal/figures_unit_paper).
// paper_only_share = paper_only / answered. issues/paper_only_issues lists the issues of one unit.
// answered and paper_only are the unit's stored figures (graphkit.analysis.figures, written with
// the families).
MATCH (u:Unit)
WHERE u.answered > 0 AND ($unit = '' OR u.name = $unit OR $unit IN u.aliases)
RETURN u.name AS unit, u.answered AS answered, u.paper_only AS paper_only,
       1.0 * u.paper_only / u.answered AS paper_only_share
ORDER BY paper_only DESC, paper_only_share DESC, unit
LIMIT $limit
