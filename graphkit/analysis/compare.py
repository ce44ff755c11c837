"""Two notices side by side: which issues carry over, which measures repeat, what moved.

The usual pair is a unit's first notice and its later one (a 回头看 or a progress notice), but
any two notices compare. Pure functions on plain data (``NoticeSide``: the notice, its issues
and its measures as the store holds them); ``graphkit.service.comparing`` reads them.

**Issues** are matched by title. A title is a topic and a shortcoming (``耕地保护和粮食安全责任``
+ ``落实不到位``), and a later notice re-words the shortcoming (``问题整改后出现反弹``), so both are
compared on their *topic*: the shortcoming wording (``graphkit.parse.wording.SHORTFALL_RE``),
the framing words of ``FRAMING`` (关于, 问题, 方面, 整改, 反弹 …), the unit's own names, numbers
and punctuation are removed, and the score is the Dice coefficient of the two topics' sets of
character bigrams (two-character runs): ``2·|A∩B| / (|A| + |B|)``. Bigrams, not the longest
common subsequence: a long title (学习贯彻习近平新时代中国特色社会主义思想…) holds, scattered,
most single characters of a short one, and a subsequence counts them; a bigram needs two
characters side by side. ``TITLE_MATCH = 0.3`` means "at least about a third of the two topics'
two-character words are shared": ``耕地保护和粮食安全责任落实`` / ``耕地保护后`` share 耕地 地保
保护 (0.38); unrelated titles of one genre share one stock word (责任, 建设, 主义) and score
≤ 0.2 on the samples. Measured on the 13 real notices of the shared corpus: of the 165 000 pairs
of problem titles from different notices, the median scores 0, p99 0.13, and the 0.1 % at ≥ 0.3
name one subject in other words (违反中央八项规定精神问题时有发生 / …仍然存在, 意识形态工作责任制
落得不实 / …落实不到位, 形式主义官僚主义整治不力 / 形式主义、官僚主义问题仍较突出). Only issues of the same kind are matched: an issue with sub-issues (a
category, 一、…方面的问题) with another such, a leaf (the problem measures answer) with a leaf.

**Measures** are paired across the whole notices (a measure may move to another issue), one to
one: ``verbatim`` when the texts are the same once width (NFKC), whitespace and the closing
punctuation are folded; ``edited`` when the alignment score of ``graphkit.analysis.align`` on
the normalised texts (numbers, labels, self-references and the unit's names removed) reaches
``EDITED = verify.ALIGN_STRONG`` (0.55, the score a near-copy needs to join a family; measured
there: p99.99 of unrelated real pairs is 0.32), with the containment score for a measure cut
down from a longer one (so a short measure that keeps ≥ 69 % of its phrases in a longer one
pairs with it: on phrase-bank measures, two built on one stock template may). An edited pair whose score is 1.0 differs only in what normalisation
removes (a count: 96人次 → 103人次); ``changes`` lists the differing fragments of the texts as
written, read off the pair's one alignment (``changes_in``): the edits a reader sees marked,
and what normalisation left out and differs. The rest of A is ``dropped``, of B ``new``.

**Assignment** is greedy, best first: of all candidate pairs (issues at ≥ ``TITLE_MATCH``,
measures verbatim or at ≥ ``EDITED``) the best is taken, its two members leave, and so on.
Best means: verbatim before edited, higher score, then (measures) a pair whose issues were
matched, then document order. Greedy rather than an optimal assignment (the Hungarian method):
each pairing is explained by itself ("the most similar of what was left"), and with thresholds
this high the two rarely differ.

**Status** is the measures' status (``done``, ``in_progress``, ``long_term``, as the parser reads
the 整改进展情况 lines); an issue's is its measures' when they agree (``mixed`` else). A paired
measure or a matched issue whose status differs has moved (整改中 → 已完成); deadlines are
compared the same way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, Literal

from graphkit.analysis import verify
from graphkit.analysis.align import Alignment, align
from graphkit.analysis.normalize import normalize, strip_names, unit_name_variants
from graphkit.fields import field_dict
from graphkit.parse.wording import SHORTFALL_RE

__all__ = [
    "EDITED",
    "FRAMING",
    "STATUS_NAMES",
    "TITLE_MATCH",
    "Comparison",
    "IssuePair",
    "IssueRow",
    "MeasurePair",
    "MeasureRow",
    "NoticeInfo",
    "NoticeSide",
    "changes",
    "changes_in",
    "compare",
    "title_score",
    "title_topic",
]

TITLE_MATCH = 0.3
EDITED = verify.ALIGN_STRONG
# Words that frame a problem rather than name it (a 回头看 re-frames the same topic as 整改后出现反弹,
# 整改成效不明显, 整改不彻底); removed from titles with the shortcoming wording before comparing.
FRAMING = re.compile(r"关于|问题|方面|整改|存在|工作|情况|出现|反弹|回潮|成效|的")
_NOT_WORD = re.compile(r"[\W\d_A-Za-z]+")
_CLOSING = re.compile(r"[\s。．.；;，,：:、]+$")
STATUS_NAMES = {"done": "已完成", "in_progress": "整改中", "long_term": "长期坚持", "mixed": "多种"}

PairKind = Literal["verbatim", "edited"]


@dataclass(frozen=True)
class _Row:
    """A row of a comparison (a notice, an issue, a measure): ``as_dict`` gives its fields in
    their order, but for its place in document order (``ord``), which only sorts."""

    def as_dict(self) -> dict[str, Any]:
        """The row as a JSON-ready dict."""
        return field_dict(self, " ".join(f.name for f in fields(self) if f.name != "ord"))


@dataclass(frozen=True)
class NoticeInfo(_Row):
    """A notice as the comparison names it.

    Attributes:
        id: the notice's id.
        unit: the unit that reported it (None when the notice names none).
        title: its title.
        published: its date (ISO), if read.
        source: the file it was read from.
    """

    id: str
    unit: str | None
    title: str | None
    published: str | None
    source: str | None


@dataclass(frozen=True)
class IssueRow(_Row):
    """An issue of a notice: its id, parent issue (None at the top), label, title, depth and
    place in document order."""

    id: str
    parent: str | None
    label: str | None
    title: str
    depth: int = 1
    ord: int = 0


@dataclass(frozen=True)
class MeasureRow(_Row):
    """A measure of a notice: its id, the issue it answers, label, text, status, deadline and
    place in document order."""

    id: str
    issue: str | None
    label: str | None
    text: str
    status: str | None = None
    deadline: str | None = None
    ord: int = 0


@dataclass(frozen=True)
class NoticeSide:
    """One side of a comparison: the notice with its issues and measures (document order)."""

    notice: NoticeInfo
    issues: tuple[IssueRow, ...]
    measures: tuple[MeasureRow, ...]

    def names(self) -> list[str]:
        """The unit's own names (``unit_name_variants``), removed from texts before comparing."""
        return unit_name_variants(self.notice.unit) if self.notice.unit else []


@dataclass(frozen=True)
class _Pair:
    """Two rows paired across the notices (``a`` and ``b``, with a ``score``): whether their
    status and their deadline moved, and the pair as a JSON-ready dict."""

    def ends(self, what: str) -> tuple[str | None, str | None]:
        """The two sides' ``status`` or ``deadline``."""
        raise NotImplementedError

    @property
    def status_moved(self) -> bool:
        """Both sides have a status, and it differs."""
        a, b = self.ends("status")
        return bool(a and b and a != b)

    @property
    def deadline_moved(self) -> bool:
        """Both sides have a deadline, and it differs."""
        a, b = self.ends("deadline")
        return bool(a and b and a != b)

    def as_dict(self) -> dict[str, Any]:
        """The pair as a JSON-ready dict: its fields in their order (the score to 4 places, each
        change a list), the moves, then both rows in full."""
        own: dict[str, Any] = {}
        rows: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, _Row):
                rows[f.name] = value.as_dict()
            elif isinstance(value, float):
                own[f.name] = round(value, 4)
            elif isinstance(value, tuple):
                own[f.name] = [list(c) for c in value]
            else:
                own[f.name] = value
        return {**own, "status_moved": self.status_moved, "deadline_moved": self.deadline_moved, **rows}


@dataclass(frozen=True)
class IssuePair(_Pair):
    """Two issues matched by title, with their measures' status and latest deadline."""

    a: IssueRow
    b: IssueRow
    score: float
    status_a: str | None
    status_b: str | None
    deadline_a: str | None
    deadline_b: str | None

    def ends(self, what: str) -> tuple[str | None, str | None]:
        """The two issues' status (their measures', ``mixed`` when they differ) or latest deadline."""
        return (self.status_a, self.status_b) if what == "status" else (self.deadline_a, self.deadline_b)


@dataclass(frozen=True)
class MeasurePair(_Pair):
    """Two measures paired across the notices.

    Attributes:
        kind: ``verbatim`` (the same text) or ``edited`` (a near-copy).
        a: the measure of the first notice.
        b: the measure of the second.
        score: the alignment score of the normalised texts (1.0 for verbatim).
        changes: the differing fragments of the texts as written, ``(in a, in b)`` each.
        issues_matched: whether the measures answer issues that were matched to each other.
    """

    kind: PairKind
    a: MeasureRow
    b: MeasureRow
    score: float
    changes: tuple[tuple[str, str], ...] = ()
    issues_matched: bool = False

    def ends(self, what: str) -> tuple[str | None, str | None]:
        """The two measures' status or deadline."""
        return getattr(self.a, what), getattr(self.b, what)


@dataclass(frozen=True)
class Comparison:
    """What changed from notice ``a`` to notice ``b``.

    Attributes:
        a: the first (earlier) notice.
        b: the second.
        issues: issues matched by title, in the order of ``a``.
        issues_only_a: issues of ``a`` with no match in ``b``.
        issues_only_b: issues of ``b`` with no match in ``a``.
        verbatim: measures repeated word for word, in the order of ``a``.
        edited: measures repeated with edits, in the order of ``a``.
        dropped: measures of ``a`` not found in ``b``.
        new: measures of ``b`` not found in ``a``.
    """

    a: NoticeInfo
    b: NoticeInfo
    issues: tuple[IssuePair, ...] = ()
    issues_only_a: tuple[IssueRow, ...] = ()
    issues_only_b: tuple[IssueRow, ...] = ()
    verbatim: tuple[MeasurePair, ...] = ()
    edited: tuple[MeasurePair, ...] = ()
    dropped: tuple[MeasureRow, ...] = ()
    new: tuple[MeasureRow, ...] = ()
    thresholds: dict[str, float] = field(
        default_factory=lambda: {"title_match": TITLE_MATCH, "edited": EDITED}
    )

    def pairs(self) -> list[MeasurePair]:
        """Verbatim and edited pairs together, in the order of ``a``."""
        return sorted((*self.verbatim, *self.edited), key=lambda p: (p.a.ord, p.a.id))

    def status_moves(self) -> list[MeasurePair]:
        """Paired measures whose status changed."""
        return [p for p in self.pairs() if p.status_moved]

    def deadline_moves(self) -> list[MeasurePair]:
        """Paired measures whose deadline changed."""
        return [p for p in self.pairs() if p.deadline_moved]

    def counts(self) -> dict[str, int]:
        """How many of each: issues matched / only in a / only in b, measures verbatim / edited
        / new / dropped, status and deadline moves of measures and of issues."""
        return {
            "issues_matched": len(self.issues),
            "issues_only_a": len(self.issues_only_a),
            "issues_only_b": len(self.issues_only_b),
            "verbatim": len(self.verbatim),
            "edited": len(self.edited),
            "new": len(self.new),
            "dropped": len(self.dropped),
            "status_moves": len(self.status_moves()),
            "deadline_moves": len(self.deadline_moves()),
            "issue_status_moves": sum(p.status_moved for p in self.issues),
            "issue_deadline_moves": sum(p.deadline_moved for p in self.issues),
        }

    def summary(self) -> str:
        """One line: `issues 4 matched, 6 only in A, 3 only in B; measures 1 verbatim, 2 edited,
        8 new, 17 dropped; status moved: 0 measures, 0 issues; deadline moved: 1 measure, 2 issues`."""
        c = self.counts()
        return (
            f"issues {c['issues_matched']} matched, {c['issues_only_a']} only in A, "
            f"{c['issues_only_b']} only in B; measures {c['verbatim']} verbatim, {c['edited']} edited, "
            f"{c['new']} new, {c['dropped']} dropped; status moved: {_plural(c['status_moves'], 'measure')}, "
            f"{_plural(c['issue_status_moves'], 'issue')}; deadline moved: "
            f"{_plural(c['deadline_moves'], 'measure')}, {_plural(c['issue_deadline_moves'], 'issue')}"
        )

    def as_dict(self) -> dict[str, Any]:
        """The whole comparison as a JSON-ready dict."""
        return {
            "a": self.a.as_dict(),
            "b": self.b.as_dict(),
            "summary": self.summary(),
            "counts": self.counts(),
            "thresholds": dict(self.thresholds),
            "issues": [p.as_dict() for p in self.issues],
            "issues_only_a": [i.as_dict() for i in self.issues_only_a],
            "issues_only_b": [i.as_dict() for i in self.issues_only_b],
            "verbatim": [p.as_dict() for p in self.verbatim],
            "edited": [p.as_dict() for p in self.edited],
            "new": [m.as_dict() for m in self.new],
            "dropped": [m.as_dict() for m in self.dropped],
        }


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# -- issues -----------------------------------------------------------------------------------


def title_topic(title: str, names: Iterable[str] = ()) -> str:
    """What a title is about: without the unit's names, shortcoming wording, ``FRAMING`` words,
    numbers, Latin letters and punctuation (``关于“耕地保护问题整改后出现反弹”的问题`` → ``耕地保护后``)."""
    text = unicodedata.normalize("NFKC", strip_names(title, names))
    text = SHORTFALL_RE.sub("", text)
    text = FRAMING.sub("", text)
    return _NOT_WORD.sub("", text)


def _bigrams(topic: str) -> set[str]:
    if len(topic) < 2:
        return {topic} if topic else set()
    return {topic[k : k + 2] for k in range(len(topic) - 1)}


def title_score(a: str, b: str, names_a: Iterable[str] = (), names_b: Iterable[str] = ()) -> float:
    """Dice coefficient of the character bigrams of two titles' topics (``title_topic``), 0–1."""
    ga, gb = _bigrams(title_topic(a, names_a)), _bigrams(title_topic(b, names_b))
    if not ga or not gb:
        return 0.0
    return 2 * len(ga & gb) / (len(ga) + len(gb))


def _greedy(candidates: Sequence[tuple[Any, int, int]]) -> list[tuple[int, int]]:
    """Best first: ``candidates`` are ``(sort key, i, j)``; each i and each j is taken once."""
    used_a: set[int] = set()
    used_b: set[int] = set()
    out: list[tuple[int, int]] = []
    for _, i, j in sorted(candidates, key=lambda c: c[0]):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            out.append((i, j))
    return out


def _issue_status(measures: Sequence[MeasureRow]) -> tuple[str | None, str | None]:
    """An issue's status (its measures', ``mixed`` when they differ) and latest deadline."""
    statuses = {m.status for m in measures if m.status}
    status = None if not statuses else (statuses.pop() if len(statuses) == 1 else "mixed")
    deadlines = [m.deadline for m in measures if m.deadline]
    return status, max(deadlines) if deadlines else None


def _match_issues(a: NoticeSide, b: NoticeSide) -> list[tuple[int, int, float]]:
    parents_a = {i.parent for i in a.issues}
    parents_b = {i.parent for i in b.issues}
    names_a, names_b = a.names(), b.names()
    cands: list[tuple[Any, int, int]] = []
    scores: dict[tuple[int, int], float] = {}
    for i, x in enumerate(a.issues):
        for j, y in enumerate(b.issues):
            if (x.id in parents_a) != (y.id in parents_b):  # a category with a category only
                continue
            s = title_score(x.title, y.title, names_a, names_b)
            if s >= TITLE_MATCH:
                scores[i, j] = s
                cands.append(((-s, i, j), i, j))
    return [(i, j, scores[i, j]) for i, j in _greedy(cands)]


# -- measures ---------------------------------------------------------------------------------


def _fold(text: str) -> str:
    """The text for a verbatim test: NFKC (full/half width), no whitespace, no closing marks."""
    return _CLOSING.sub("", "".join(unicodedata.normalize("NFKC", text).split()))


def changes(
    a: str, b: str, names_a: Iterable[str] = (), names_b: Iterable[str] = ()
) -> tuple[tuple[str, str], ...]:
    """The fragments in which two texts as written differ, ``(in a, in b)``, in order (an
    insertion has an empty ``a`` side, a deletion an empty ``b``): ``changes_in(align(…))``."""
    return changes_in(align(a, b, names_a, names_b))


def changes_in(al: Alignment) -> tuple[tuple[str, str], ...]:
    """The fragments in which the two texts of an alignment differ as written, in order.

    The characters the alignment kept equal are the anchors; what lies between two anchors (on
    each side) is one change when the two sides differ, less what they share at either end. So
    a rewritten phrase is one change (``align`` already joined it), and what normalisation left
    out of the comparison and differs is a change too (a count: ``96`` → ``103``).
    """
    out: list[tuple[str, str]] = []
    prev_a = prev_b = -1
    anchors = [
        (al.offsets_a[op.na_start + k], al.offsets_b[op.nb_start + k])
        for op in al.ops
        if op.kind == "equal"
        for k in range(op.na_end - op.na_start)
    ]
    for pa, pb in [*anchors, (len(al.a), len(al.b))]:
        if pa <= prev_a or pb <= prev_b:  # offsets that are not in order: no anchor
            continue
        gap = _trimmed(al.a[prev_a + 1 : pa], al.b[prev_b + 1 : pb])
        if gap != ("", ""):
            out.append(gap)
        prev_a, prev_b = pa, pb
    return tuple(out)


def _trimmed(x: str, y: str) -> tuple[str, str]:
    """``x`` and ``y`` without the characters they share at the start and at the end."""
    start = 0
    while start < min(len(x), len(y)) and x[start] == y[start]:
        start += 1
    end = 0
    while end < min(len(x), len(y)) - start and x[-1 - end] == y[-1 - end]:
        end += 1
    return x[start : len(x) - end], y[start : len(y) - end]


def _pair_measures(
    a: NoticeSide, b: NoticeSide, matched: set[tuple[str, str]]
) -> list[tuple[int, int, PairKind, float]]:
    names_a, names_b = a.names(), b.names()
    folded_b = [_fold(m.text) for m in b.measures]
    # normalised once per text (what ``align`` compares); the score of every pair on them is
    # a C++ LCS, so two notices of a few hundred measures compare in well under a second
    norm_a = [normalize(m.text, names_a) for m in a.measures]
    norm_b = [normalize(m.text, names_b) for m in b.measures]
    cands: list[tuple[Any, int, int]] = []
    found: dict[tuple[int, int], tuple[PairKind, float]] = {}
    for i, x in enumerate(a.measures):
        fx = _fold(x.text)
        for j, y in enumerate(b.measures):
            elsewhere = (x.issue or "", y.issue or "") not in matched
            if fx and fx == folded_b[j]:
                found[i, j] = ("verbatim", 1.0)
                cands.append(((0, -1.0, elsewhere, i, j), i, j))
                continue
            score = verify.align_score(norm_a[i], norm_b[j], containment=True)
            if score >= EDITED:
                found[i, j] = ("edited", score)
                cands.append(((1, -score, elsewhere, i, j), i, j))
    return [(i, j, *found[i, j]) for i, j in _greedy(cands)]


def compare(a: NoticeSide, b: NoticeSide) -> Comparison:
    """Compare notice ``a`` (the earlier, by convention) with notice ``b``.

    Returns:
        The ``Comparison``: matched issues with their status moves, measures paired as
        verbatim or edited (with the alignment score and the changed fragments), new and
        dropped measures.
    """
    of_a: dict[str, list[MeasureRow]] = {}
    of_b: dict[str, list[MeasureRow]] = {}
    for m in a.measures:
        of_a.setdefault(m.issue or "", []).append(m)
    for m in b.measures:
        of_b.setdefault(m.issue or "", []).append(m)
    issue_pairs: list[IssuePair] = []
    for i, j, s in sorted(_match_issues(a, b)):
        x, y = a.issues[i], b.issues[j]
        sa, da = _issue_status(of_a.get(x.id, []))
        sb, db = _issue_status(of_b.get(y.id, []))
        issue_pairs.append(IssuePair(x, y, s, sa, sb, da, db))
    matched = {(p.a.id, p.b.id) for p in issue_pairs}
    pairs: list[MeasurePair] = []
    names_a, names_b = a.names(), b.names()
    for i, j, kind, score in sorted(_pair_measures(a, b, matched)):
        ma, mb = a.measures[i], b.measures[j]
        # an edited pair is aligned once, as a reader sees it; its changes are read off that
        diff = () if kind == "verbatim" else changes(ma.text, mb.text, names_a, names_b)
        pairs.append(MeasurePair(kind, ma, mb, score, diff, (ma.issue or "", mb.issue or "") in matched))
    in_a = {p.a.id for p in pairs}
    in_b = {p.b.id for p in pairs}
    issues_a = {p.a.id for p in issue_pairs}
    issues_b = {p.b.id for p in issue_pairs}
    return Comparison(
        a.notice,
        b.notice,
        tuple(issue_pairs),
        tuple(i for i in a.issues if i.id not in issues_a),
        tuple(i for i in b.issues if i.id not in issues_b),
        tuple(p for p in pairs if p.kind == "verbatim"),
        tuple(p for p in pairs if p.kind == "edited"),
        tuple(m for m in a.measures if m.id not in in_a),
        tuple(m for m in b.measures if m.id not in in_b),
    )
