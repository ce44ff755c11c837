"""Tables declared as data and read by one function: the panel's columns, the RDF export's
fields, the body kinds of a unit's name. A mistake in a table is an error when the module loads,
not a column or a triple silently wrong."""

from __future__ import annotations

import pytest

from graphkit.analysis.places import _body
from graphkit.present.export.rdf_mapping import DCT, FIELDS, GK, _field_tables, _set, date_literal, zh
from graphkit.present.panel.columns import COPIED, PAPER, TABLES, Column, _table


def test_a_column_table_reads_types_continued_docs_and_phrases() -> None:
    t = _table(
        "t",
        "row",
        "order",
        """
a        string  first line
                 and its continuation
paper    bool    kind is one of {paper}
copied   int     {copied}
""",
    )
    assert t.columns == (
        Column("a", "string", "first line and its continuation"),
        Column("paper", "bool", f"kind is one of {PAPER}"),
        Column("copied", "int", COPIED),
    )


def test_a_column_of_an_unknown_type_is_refused() -> None:
    with pytest.raises(ValueError, match=r"t\.a: unknown type 'integer'"):
        _table("t", "row", "order", "a  integer  a count\n")


def test_the_panel_tables_name_each_column_once() -> None:
    for t in TABLES:
        assert len(set(t.names)) == len(t.names), t.name
        assert all(c.doc and "{" not in c.doc for c in t.columns), t.name


def test_a_field_table_reads_prefixes_terms_and_set() -> None:
    tables = _field_tables(
        """
Notice
    title      dcterms:title   zh
    published  gk:issued       date   set
"""
    )
    (title, published) = tables["Notice"]
    assert (title.key, title.predicate, title.term, title.given) == ("title", DCT + "title", zh, bool)
    assert (published.predicate, published.term, published.given) == (GK + "issued", date_literal, _set)


def test_a_field_table_refuses_a_word_it_does_not_know() -> None:
    with pytest.raises(ValueError, match="neither a term nor `set`"):
        _field_tables("Notice\n    title  dcterms:title  zh  sett\n")
    with pytest.raises(KeyError):
        _field_tables("Notice\n    title  dc:title  zh\n")


def test_every_label_of_the_export_has_its_fields() -> None:
    assert set(FIELDS) == {
        "Notice", "Unit", "Place", "Inspection", "Issue", "Measure", "Role", "Person", "Document",
        "MeasureTemplate",
    }  # fmt: skip
    assert [f.key for f in FIELDS["Role"]] == ["position", "person"]


@pytest.mark.parametrize(
    ("rest", "body"),
    [
        ("社区党委", "village"),
        ("镇党委", "township"),
        ("师范学院党委", "university"),
        ("第一中学", "school"),
        ("人民医院党委", "hospital"),  # 院 would make it a department: the word kinds come first
        ("集团公司", "enterprise"),
        ("开发区党工委", "work_committee"),
        ("县委", "party_committee"),
        ("公安局", "department"),
        ("", "party_committee"),
    ],
)
def test_the_body_kinds_are_tried_in_order(rest: str, body: str) -> None:
    assert _body(rest) == body
