"""Character-level alignment of two measure texts, marked on the texts as written.

Two copies of a measure are compared the way detection compares them: on their normalised
form (``graphkit.analysis.normalize``: labels, numbers, self-references, the units' own names
and punctuation removed). What a reader needs, though, is the marks on the *original* texts, so
normalisation is replayed here with every kept character's offset in the original, and each
operation of the alignment is mapped back through those offsets.

The alignment is the longest common subsequence of the normalised texts (rapidfuzz's ``Indel``
opcodes, C++ bit-parallel): the same alignment whose ratio ``2·LCS / (|a| + |b|)`` is the
``SIMILAR_TO`` score (``graphkit.analysis.verify.align_score``), so the marks explain the score.
Not ``difflib.SequenceMatcher``: it is a heuristic (longest blocks first, not a minimal edit
script) and above 200 characters its auto-junk drops every character occurring in more than 1 %
of the text — in Chinese that is 的, 整, 改, 落, 实 …, and the alignment falls apart.

Post-processing, each step for the reader:

* an adjacent deletion and insertion become one ``replace``;
* a single equal character between two edits (a 的 or 理 the LCS happened to keep inside a
  rewritten phrase) is folded into the edit around it, so a changed phrase reads as one change;
* a deleted block whose normalised text is inserted elsewhere (≥ ``MIN_MOVE`` characters)
  becomes one ``move`` (from its place in ``a`` to its place in ``b``).

Characters that normalisation removed (numbers, punctuation, 我厅 …) lie between or inside
operations' ranges; ``Alignment.segments`` tiles each original character by character, with
``ignored`` for those, so a page or a terminal can print every character once.

Pure functions, no state: usable from a ``map`` over pairs.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz.distance import Indel

from graphkit.analysis import normalize as _norm

__all__ = ["MIN_MOVE", "Alignment", "Op", "OpKind", "Segment", "align", "normalize_with_offsets"]

OpKind = Literal["equal", "insert", "delete", "replace", "move"]
SegmentKind = Literal["equal", "insert", "delete", "replace", "move", "ignored"]

# A block shorter than this that was deleted here and inserted there is left as two edits:
# two-character words (工作, 整改) recur everywhere and would pair by chance.
MIN_MOVE = 4


@dataclass(frozen=True)
class Op:
    """One operation of the alignment, in offsets of the original texts (end exclusive).

    ``insert`` has an empty ``a`` range (its position in ``a``), ``delete`` an empty ``b``
    range; ``move`` is a block that stands at ``a_start:a_end`` in ``a`` and at
    ``b_start:b_end`` in ``b``, elsewhere in the order. ``na_*``/``nb_*`` are the same ranges
    in the normalised texts.
    """

    kind: OpKind
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    na_start: int
    na_end: int
    nb_start: int
    nb_end: int


@dataclass(frozen=True)
class Segment:
    """A run of one original text with how the alignment treats it."""

    kind: SegmentKind
    start: int
    end: int


@dataclass(frozen=True)
class Alignment:
    """The alignment of ``a`` with ``b``: ops in the order of ``a`` (then ``b``), the
    normalised texts, ``similarity`` (the Indel ratio of the normalised texts, 0–1) and, for
    each normalised character, its offset in the original (``offsets_a``, ``offsets_b``)."""

    a: str
    b: str
    norm_a: str
    norm_b: str
    ops: tuple[Op, ...]
    similarity: float
    offsets_a: tuple[int, ...] = ()
    offsets_b: tuple[int, ...] = ()

    def edits(self) -> list[Op]:
        """The operations that are not ``equal``."""
        return [op for op in self.ops if op.kind != "equal"]

    def segments(self, side: Literal["a", "b"]) -> list[Segment]:
        """Tile one original text (``a`` or ``b``) with segments, in order, covering every
        character once: a character kept by normalisation takes the kind of the operation
        it belongs to, one removed by it (a number, punctuation, 我厅 …) is ``ignored`` — it
        was not compared. On ``a`` an ``insert`` has no characters (nor a ``delete`` on ``b``)."""
        text, offsets = (self.a, self.offsets_a) if side == "a" else (self.b, self.offsets_b)
        kinds: list[SegmentKind] = ["ignored"] * len(text)
        for op in self.ops:
            start, end = (op.na_start, op.na_end) if side == "a" else (op.nb_start, op.nb_end)
            for i in range(start, end):
                kinds[offsets[i]] = op.kind
        out: list[Segment] = []
        start = 0
        for pos in range(1, len(kinds) + 1):
            if pos == len(kinds) or kinds[pos] != kinds[start]:
                out.append(Segment(kinds[start], start, pos))
                start = pos
        return out


def _drop(pattern: re.Pattern[str], text: str, idx: list[int]) -> tuple[str, list[int], int]:
    """``pattern.subn("", text)`` that also drops the offsets of the removed characters."""
    parts: list[str] = []
    kept: list[int] = []
    last = 0
    n = 0
    for m in pattern.finditer(text):
        parts.append(text[last : m.start()])
        kept.extend(idx[last : m.start()])
        last = m.end()
        n += 1
    if not n:
        return text, idx, 0
    parts.append(text[last:])
    kept.extend(idx[last:])
    return "".join(parts), kept, n


@functools.lru_cache(maxsize=4096)
def _literal(name: str) -> re.Pattern[str]:
    return re.compile(re.escape(name))


def _greedy_offsets(original: str, norm: str) -> list[int]:
    """Fallback: map each normalised character to the next equal (case/width-folded) one."""
    folded = original.translate(_norm._FULLWIDTH)
    out: list[int] = []
    pos = 0
    for ch in norm:
        found = folded.find(ch, pos)
        if found < 0:
            found = min(pos, max(len(original) - 1, 0))
        out.append(found)
        pos = found + 1
    return out


def normalize_with_offsets(text: str, names: Iterable[str] = ()) -> tuple[str, list[int]]:
    """``normalize(text, names)`` and, for each of its characters, its offset in ``text``.

    Normalisation only deletes characters or maps one to one, so every kept character has one
    place in the original. The steps of ``normalize`` are replayed on (text, offsets); should
    the replay ever disagree with ``normalize`` (the module changed), offsets fall back to a
    left-to-right match of the normalised characters.
    """
    names = [n for n in names if n]
    expected = _norm.normalize(text, names)
    cur, idx = text, list(range(len(text)))
    for name in sorted(set(names), key=len, reverse=True):
        cur, idx, _ = _drop(_literal(name), cur, idx)
    if _norm._NEEDS_FOLD.search(cur):
        cur = cur.translate(_norm._FULLWIDTH)
    for pattern in (_norm._LABEL, _norm._ARABIC, _norm._NOT_WORD):
        cur, idx, _ = _drop(pattern, cur, idx)
    removed = 1
    while removed:
        cur, idx, removed = _drop(_norm._WORDS, cur, idx)
    if cur != expected or len(idx) != len(cur):
        return expected, _greedy_offsets(text, expected)
    return cur, idx


# (kind, na_start, na_end, nb_start, nb_end) on the normalised texts.
_NOp = tuple[OpKind, int, int, int, int]


_KINDS: dict[str, OpKind] = {"equal": "equal", "insert": "insert", "delete": "delete", "replace": "replace"}


def _merge(ops: Sequence[_NOp]) -> list[_NOp]:
    """Join runs of non-equal ops (and 1-character equals between edits) into one op each."""
    ops = list(ops)
    # An equal single character between two edits goes into the edit.
    for k in range(1, len(ops) - 1):
        kind, a0, a1, b0, b1 = ops[k]
        if kind == "equal" and a1 - a0 == 1 and ops[k - 1][0] != "equal" and ops[k + 1][0] != "equal":
            ops[k] = ("replace", a0, a1, b0, b1)
    out: list[_NOp] = []
    for op in ops:
        if out and op[0] != "equal" and out[-1][0] != "equal":
            _, a0, _, b0, _ = out[-1]
            a1, b1 = op[2], op[4]
            joined: OpKind = "replace" if a1 > a0 and b1 > b0 else ("delete" if a1 > a0 else "insert")
            out[-1] = (joined, a0, a1, b0, b1)
        elif out and op[0] == "equal" and out[-1][0] == "equal":
            out[-1] = ("equal", out[-1][1], op[2], out[-1][3], op[4])
        else:
            out.append(op)
    return out


def _moves(ops: list[_NOp], na: str, nb: str) -> list[_NOp]:
    """Pair a deletion with an insertion of the same text (≥ MIN_MOVE) into one ``move``."""
    inserts = {
        k: nb[op[3] : op[4]] for k, op in enumerate(ops) if op[0] == "insert" and op[4] - op[3] >= MIN_MOVE
    }
    used: set[int] = set()
    out: list[_NOp | None] = list(ops)
    for k, op in enumerate(ops):
        if op[0] != "delete" or op[2] - op[1] < MIN_MOVE:
            continue
        block = na[op[1] : op[2]]
        match = next((j for j, t in inserts.items() if j not in used and t == block), None)
        if match is not None:
            used.add(match)
            ins = ops[match]
            out[k] = ("move", op[1], op[2], ins[3], ins[4])
            out[match] = None
    return [op for op in out if op is not None]


def _to_original(na_start: int, na_end: int, offsets: list[int]) -> tuple[int, int]:
    """A range of the normalised text as a range of the original (an empty one at its place)."""
    if na_end > na_start:
        return offsets[na_start], offsets[na_end - 1] + 1
    pos = offsets[na_start - 1] + 1 if na_start > 0 else (offsets[0] if offsets else 0)
    return pos, pos


def align(a: str, b: str, names_a: Iterable[str] = (), names_b: Iterable[str] = ()) -> Alignment:
    """Align two measure texts on their normalised form, with offsets in the originals.

    Args:
        a: one measure as written.
        b: the other.
        names_a: ``a``'s unit's own names, removed before comparing (``unit_name_variants``).
        names_b: the same for ``b``.

    Returns:
        The ``Alignment``: ops (equal / insert / delete / replace / move) with offsets in both
        originals and in both normalised texts, and the similarity (Indel ratio, as
        ``SIMILAR_TO.score``; 1.0 for two empty normalised texts).
    """
    na, ia = normalize_with_offsets(a, names_a)
    nb, ib = normalize_with_offsets(b, names_b)
    raw: list[_NOp] = [
        (_KINDS[o.tag], o.src_start, o.src_end, o.dest_start, o.dest_end) for o in Indel.opcodes(na, nb)
    ]
    nops = _moves(_merge(raw), na, nb)
    ops: list[Op] = []
    for kind, a0, a1, b0, b1 in nops:
        oa = _to_original(a0, a1, ia)
        ob = _to_original(b0, b1, ib)
        ops.append(Op(kind, oa[0], oa[1], ob[0], ob[1], a0, a1, b0, b1))
    similarity = 1.0 if not na and not nb else float(Indel.normalized_similarity(na, nb))
    return Alignment(a, b, na, nb, tuple(ops), similarity, tuple(ia), tuple(ib))
