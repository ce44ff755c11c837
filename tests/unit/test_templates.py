"""Cypher templates: header parsing, the params ↔ `$names` check for every template, coercion."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from graphkit.errors import QueryError
from graphkit.paths import queries_dir, schema_dir
from graphkit.templates import (
    get_template,
    guess_value,
    load_templates,
    parse_assignments,
    parse_params,
    parse_template,
    used_params,
)

TEMPLATES = load_templates()

GOOD = """// name: a/b
// summary: 测试 | a test
// params: unit: str, limit: int = 50, share: float = 0.5, strict: bool = false, word: str = 'a, b'
// mode: read
// note: free text is kept
MATCH (u:Unit) WHERE u.name = $unit AND $strict = $strict AND $share > 0 AND $word <> ''
RETURN u.name AS unit LIMIT $limit
"""


def _parse(text: str, name: str | None = "a/b"):  # type: ignore[no-untyped-def]
    return parse_template(text, Path("a/b.cypher"), name)


# -- the shipped templates --------------------------------------------------------------------


def test_there_are_templates_for_every_subject() -> None:
    subjects = {n.split("/")[0] for n in TEMPLATES}
    assert {"units", "issues", "measures", "roles", "documents", "recycled", "inspections"} <= subjects
    assert len(TEMPLATES) >= 15


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_every_template_declares_exactly_the_params_it_uses(name: str) -> None:
    t = TEMPLATES[name]
    assert {p.name for p in t.params} == used_params(t.cypher)
    assert t.name == name == t.path.relative_to(queries_dir()).with_suffix("").as_posix()
    assert t.mode == "read"
    assert "|" in t.summary and t.summary_zh and t.summary_en
    # Chinese before the bar, English after it
    assert any("\u4e00" <= ch <= "\u9fff" for ch in t.summary_zh)
    assert any(ch.isascii() and ch.isalpha() for ch in t.summary_en)


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_every_template_keeps_to_the_common_dialect(name: str) -> None:
    """Constructs that one of the two stores lacks or answers differently (see queries/README.md)."""
    code = TEMPLATES[name].cypher
    for bad in (
        "apoc.",
        "labels(",
        "label(",
        "type(",
        "toFloat(",
        "toString(",
        "substring(",
        "CALL {",
        "sum(",
    ):
        assert bad not in code, f"{name} uses {bad}"
    assert "round(" not in code, f"{name}: round() rounds differently in the two stores"
    assert "ORDER BY" in code, f"{name}: rows need a deterministic order"
    # x CONTAINS '' is false in LadybugDB and true in Neo4j: an optional text filter needs a guard
    # (a required one cannot be empty: bind refuses it)
    for p in TEMPLATES[name].params:
        if p.type == "str" and not p.required and f"CONTAINS ${p.name}" in code:
            assert f"${p.name} = ''" in code, f"{name}: CONTAINS ${p.name} without an empty-string guard"


def test_paper_kinds_in_template_match_the_lexicon() -> None:
    lex = yaml.safe_load((schema_dir() / "measure_kinds.yaml").read_text(encoding="utf-8"))
    paper = sorted(k for k, v in lex["kinds"].items() if v.get("paper"))
    from graphkit.templates import internal_query

    code = internal_query("figures_units").cypher  # units/measure_kinds reads the figures counted here
    literal = code.split("m.kind IN [", 1)[1].split("]", 1)[0]
    assert sorted(x.strip().strip("'") for x in literal.split(",")) == paper
    for kind in set(lex["kinds"]) - {lex["fallback"]}:
        assert f"m.kind = '{kind}'" in code


# -- header parsing ---------------------------------------------------------------------------


def test_header_is_parsed() -> None:
    t = _parse(GOOD)
    assert t.name == "a/b" and t.mode == "read"
    assert t.summary_zh == "测试" and t.summary_en == "a test"
    assert [p.describe() for p in t.params] == [
        "unit: str",
        "limit: int = 50",
        "share: float = 0.5",
        "strict: bool = false",
        "word: str = 'a, b'",
    ]
    assert t.notes == {"note": "free text is kept"}
    assert t.cypher.startswith("MATCH")


def test_params_grammar() -> None:
    assert parse_params("") == ()
    assert parse_params("none") == ()
    (p,) = parse_params("x: str = ''")
    assert p.default == "" and not p.required
    (p,) = parse_params('x: str = "a=b"')
    assert p.default == "a=b"
    (p,) = parse_params("x: str = plain")
    assert p.default == "plain"
    with pytest.raises(QueryError, match="unknown type"):
        parse_params("x: list")
    with pytest.raises(QueryError, match="declared twice"):
        parse_params("x: int, x: int")
    with pytest.raises(QueryError, match="expected an integer"):
        parse_params("x: int = many")
    with pytest.raises(QueryError, match="cannot read params"):
        parse_params("x int")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD.replace("// mode: read\n", ""), "lacks `// mode"),
        (GOOD.replace("// summary: 测试 | a test\n", ""), "lacks `// summary"),
        (GOOD.replace("mode: read", "mode: maybe"), "mode must be read or write"),
        (GOOD.replace("name: a/b", "name: a/c"), "does not match its path"),
        (GOOD.replace("LIMIT $limit", "LIMIT 5"), "declares unused limit"),
        (GOOD.replace("LIMIT $limit", "LIMIT $top"), "uses undeclared \\$top"),
        ("// name: a/b\n// summary: x | x\n// mode: read\n", "no query after the header"),
    ],
)
def test_bad_headers_are_refused(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        _parse(text)


def test_dollar_signs_in_strings_and_comments_are_not_params() -> None:
    assert used_params("RETURN '$a' AS x, \"$b\" AS y, $c AS z // $d\n/* $e */ , $`f g`") == {"c", "f g"}


# -- binding and coercion ---------------------------------------------------------------------


def test_bind_fills_defaults_and_coerces() -> None:
    t = _parse(GOOD)
    got = t.bind({"unit": "东河县委", "limit": "7", "share": "1e-1", "strict": "YES"})
    assert got == {"unit": "东河县委", "limit": 7, "share": 0.1, "strict": True, "word": "a, b"}
    assert t.bind({"unit": "42"})["unit"] == "42"  # a str param stays a string


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({}, "missing parameter unit"),
        ({"unit": "x", "limt": "3"}, "unknown parameter 'limt'"),
        ({"unit": "x", "limit": "3.5"}, "limit: expected an integer, got '3.5'"),
        ({"unit": "x", "limit": ""}, "expected an integer"),
        ({"unit": "x", "share": "half"}, "share: expected a number"),
        ({"unit": "x", "share": "nan"}, "expected a finite number"),
        ({"unit": "x", "strict": "maybe"}, "strict: expected true or false"),
        ({"unit": "  "}, "unit must not be empty"),
    ],
)
def test_bind_errors_are_query_errors(values: dict[str, str], message: str) -> None:
    with pytest.raises(QueryError, match=message):
        _parse(GOOD).bind(values)


def test_unknown_template_suggests_close_names() -> None:
    with pytest.raises(QueryError, match="unknown template 'units/profil'; did you mean units/profile"):
        get_template("units/profil")
    with pytest.raises(QueryError, match="unknown template 'nothing/here'"):
        get_template("nothing/here")
    assert get_template("units/profile.cypher").name == "units/profile"


def test_assignments() -> None:
    assert parse_assignments(["a=1", "b=x=y", "c="]) == {"a": "1", "b": "x=y", "c": ""}
    with pytest.raises(QueryError, match="write -p name=value"):
        parse_assignments(["novalue"])
    with pytest.raises(QueryError, match="given twice"):
        parse_assignments(["a=1", "a=2"])


def test_adhoc_values_are_guessed() -> None:
    assert guess_value("5") == 5 and guess_value("-2.5") == -2.5 and guess_value("true") is True
    assert guess_value("null") is None and guess_value("'5'") == "5" and guess_value("东河县委") == "东河县委"


def test_load_templates_from_another_folder(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b.cypher").write_text(GOOD, encoding="utf-8")
    assert list(load_templates(tmp_path)) == ["a/b"]
    (tmp_path / "a" / "c.cypher").write_text(GOOD, encoding="utf-8")
    with pytest.raises(QueryError, match="does not match its path"):
        load_templates(tmp_path)
