// name: _internal/figures_unit_category_titles
// summary: 若干单位其他通报的问题类别表述 | the titles of the categories with problems in these units' notices other than those skipped
// params: units: list, skip: list
// mode: read
// A unit is one of a category title's units once, however many of its notices have it.
// note: run by graphkit.analysis.wordings.added_wordings: a unit of a notice just added counts as a new unit of a category title only when none of its other notices has that category
MATCH (u:Unit)-[:REPORTED]->(n:Notice)-[:HAS_ISSUE]->(c:Issue)
WHERE u.id IN $units AND NOT n.id IN $skip AND c.problems > 0
RETURN DISTINCT u.id AS unit, c.title AS title
