// name: _internal/family_show_issues
// summary: 成员措施针对的问题 | the issues a family's members answer: title and place in the tree
// params: ids: list
// mode: read
// note: run by graphkit.service.family_show.read_family
MATCH (i:Issue) WHERE i.id IN $ids RETURN i.id AS id, i.title AS title, i.path AS path
