"""The paper kinds written literally in the paper-only templates (and the figures issues/paper_only
reads) are the lexicon's."""

from __future__ import annotations

import yaml

from graphkit.paths import schema_dir
from graphkit.templates import internal_query, load_templates


def test_paper_kinds_in_the_paper_only_templates_match_the_lexicon() -> None:
    lex = yaml.safe_load((schema_dir() / "measure_kinds.yaml").read_text(encoding="utf-8"))
    paper = sorted(k for k, v in lex["kinds"].items() if v.get("paper"))
    templates = load_templates()
    code = internal_query("figures_unit_paper").cypher  # issues/paper_only reads the figures counted here
    literal = code.split("m.kind IN [", 1)[1].split("]", 1)[0]
    assert sorted(x.strip().strip("'") for x in literal.split(",")) == paper
    listing = templates["issues/paper_only_issues"].cypher
    assert sorted(k for k in lex["kinds"] if f"m.kind = '{k}'" in listing) == paper
