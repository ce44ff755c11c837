// name: _internal/family_show_places
// summary: 成员所在的通报 | the notices a family's members stand in: title, date, source
// params: ids: list
// mode: read
// note: run by graphkit.service.family_show.read_family
MATCH (n:Notice) WHERE n.id IN $ids
RETURN n.id AS id, n.title AS title, n.published AS published, n.source AS source
