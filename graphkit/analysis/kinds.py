"""Measure kinds: what a rectification measure does (meeting, document, training, inspection, …).

The rule is in ``schema/measure_kinds.yaml`` and is meant to be read by people:

* each kind has *cues*: plain substrings, or regular expressions written ``re:…``;
* each kind may have *except* phrases: they are blanked out of the text before that kind's cues
  are looked for (``严肃追责问责`` is a promise, not an accountability action taken);
* the measure takes the **first kind in ``priority`` order** that has a cue in its text —
  discipline before financial before fix before inspection before training before document
  before meeting — so a measure is a "paper" kind only when nothing more substantive is found;
* no cue at all gives the ``fallback`` kind (``other``).

There is no scoring and no learning: the kind of a measure can be explained by pointing at one
cue (``explain_measure``). Agreement with hand labels is measured in tests/unit/test_kinds.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from graphkit.paths import schema_dir

__all__ = ["KindRule", "Lexicon", "classify_measure", "explain_measure", "lexicon", "paper_kinds"]


@dataclass(frozen=True)
class KindRule:
    """One kind's rule: its cues, the phrases blanked before they are sought, whether it is a paper kind."""

    kind: str
    paper: bool
    cues: tuple[re.Pattern[str], ...]
    excepts: tuple[str, ...]

    def __post_init__(self) -> None:
        # All cues as one alternation: whether any matches, in one scan (classification is hot:
        # it runs for every measure the loaders see).
        object.__setattr__(self, "any_cue", _any_cue(self.cues))

    def hits(self, text: str) -> bool:
        """Whether any cue occurs in `text` once the except phrases are blanked."""
        for phrase in self.excepts:
            if phrase in text:
                text = text.replace(phrase, "\u3000" * len(phrase))
        return self.any_cue.search(text) is not None  # type: ignore[attr-defined]

    def match(self, text: str) -> str | None:
        """The first cue found in ``text`` (after blanking the except phrases), or None."""
        for phrase in self.excepts:
            text = text.replace(phrase, "\u3000" * len(phrase))
        for cue in self.cues:
            m = cue.search(text)
            if m:
                return m.group(0)
        return None


@dataclass(frozen=True)
class Lexicon:
    """The kind rules in priority order, the fallback kind and each kind's description."""

    rules: tuple[KindRule, ...]  # in priority order
    fallback: str
    kinds: dict[str, dict[str, Any]]
    # what `classify` asks of each rule, looked up once: it runs for every measure loaded
    _checks: tuple[tuple[str, tuple[str, ...], Callable[[str], re.Match[str] | None]], ...] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        checks = tuple((r.kind, r.excepts, r.any_cue.search) for r in self.rules)  # type: ignore[attr-defined]
        object.__setattr__(self, "_checks", checks)

    def classify(self, text: str | None) -> str:
        """The first kind in priority order with a cue in the normalised `text`; else the fallback
        (`KindRule.hits` of each rule in turn, written out here)."""
        normalised = _normalise(text or "")
        for kind, excepts, search in self._checks:
            t = normalised
            for phrase in excepts:
                if phrase in t:
                    t = t.replace(phrase, "\u3000" * len(phrase))
            if search(t) is not None:
                return kind
        return self.fallback

    def explain(self, text: str | None) -> tuple[str, str | None]:
        """(kind, the cue that decided it); the cue is None for the fallback."""
        t = _normalise(text or "")
        for rule in self.rules:
            cue = rule.match(t)
            if cue is not None:
                return rule.kind, cue
        return self.fallback, None


# Titles (《…》, nested 〈…〉 inside) and long quoted phrases (“…” of 7+ characters, usually the
# problem being answered) are names, not actions: their insides are blanked before cues are
# looked for. Short quotes are slogans that often *are* the action (“回头看”, “双签字”).
_NAMES = re.compile(r"《[^《》]*》|“[^“”]{7,}”")


_FULL_DIGITS = {0xFF10 + i: 0x30 + i for i in range(10)}
_HAS_FULL_DIGIT = re.compile("[０-９]")


def _normalise(text: str) -> str:
    # full-width digits → ASCII, so `re:` cues with \d see them (translate costs ~9 µs a text:
    # only when there is one)
    if _HAS_FULL_DIGIT.search(text):
        text = text.translate(_FULL_DIGITS)
    if "《" not in text and "“" not in text:  # nothing _NAMES could match
        return text
    return _NAMES.sub(lambda m: m.group(0)[0] + "\u3000" * (len(m.group(0)) - 2) + m.group(0)[-1], text)


def _any_cue(cues: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{c.pattern})" for c in cues) or r"(?!x)x")


def _compile(cue: str) -> re.Pattern[str]:
    return re.compile(cue[3:]) if cue.startswith("re:") else re.compile(re.escape(cue))


def load_lexicon(path: Path | None = None) -> Lexicon:
    """Read a lexicon file (default: schema/measure_kinds.yaml)."""
    p = path or schema_dir() / "measure_kinds.yaml"
    data = yaml.safe_load(p.read_text(encoding="utf-8"))
    kinds: dict[str, dict[str, Any]] = data["kinds"]
    rules = []
    for kind in data["priority"]:
        spec = kinds[kind]
        rules.append(
            KindRule(
                kind,
                bool(spec.get("paper", False)),
                tuple(_compile(c) for c in spec.get("cues") or []),
                tuple(spec.get("except") or []),
            )
        )
    missing = set(kinds) - set(data["priority"]) - {data["fallback"]}
    if missing:
        raise ValueError(f"{p}: kinds not in priority: {sorted(missing)}")
    return Lexicon(tuple(rules), data["fallback"], kinds)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The project's lexicon, read once."""
    return load_lexicon()


def classify_measure(text: str | None) -> str:
    """The kind of a measure's text: the first kind in priority order with a cue in it."""
    return lexicon().classify(text)


def explain_measure(text: str | None) -> tuple[str, str | None]:
    """(kind, deciding cue) — why ``classify_measure`` said what it said."""
    return lexicon().explain(text)


def paper_kinds() -> list[str]:
    """Kinds that produce sessions and paper rather than change (meeting, document, training)."""
    return sorted(k for k, v in lexicon().kinds.items() if v.get("paper"))
