"""How graphkit declares its patterns (the parser's, the reader's, normalisation's): a pattern
that is a list of alternatives is written as that list, one alternative (with what it is for) a
line, and compiled by `one_of`. It imports only `re`, so any layer may use it.

A word list that two patterns share is kept once, as a tuple or a source fragment, and put into
both. `one_of` joins the sources exactly as a hand-written `a|b|c` would, so a pattern declared
through it is the same pattern, matched the same way (alternatives are tried in the order given).
"""

from __future__ import annotations

import re

__all__ = ["alternation", "one_of"]


def alternation(*alternatives: str | re.Pattern[str]) -> str:
    """The source `a|b|…` of the alternatives (sources, or compiled patterns whose source is
    taken), to put into a larger pattern (inside a group where anything stands around it)."""
    return "|".join(a if isinstance(a, str) else a.pattern for a in alternatives)


def one_of(*alternatives: str | re.Pattern[str]) -> re.Pattern[str]:
    """A pattern matching any of the alternatives, the first that matches where it is tried."""
    return re.compile(alternation(*alternatives))
