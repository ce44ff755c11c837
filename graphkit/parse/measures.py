"""Measures: an issue node's text split into what was done, with status and time-limit lines.

Each enumerated action (一是…二是…, (1)…, ①…) is a measure, also when several stand in one
paragraph; an issue whose text has no enumeration has one measure per paragraph. Status lines
(整改进展情况:已完成) and time-limit lines (整改时限:…) are no measures: they give the status
and deadline of every measure of their issue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphkit.parse.classify import FOLLOWUP_RE, MEASURE_PREFIX_RE, PROBLEM_INTRO_RE, Classifier
from graphkit.parse.context import NoticeText
from graphkit.parse.dates import find_deadline
from graphkit.parse.documents import extract_documents
from graphkit.parse.headings import analyze_heading, clean_title, states_problem
from graphkit.parse.numbering import INLINE_KINDS, Label, Segment, find_inline
from graphkit.parse.outline import Node
from graphkit.parse.roles import LEADER_LINE_RE
from graphkit.parse.sections import Para
from graphkit.parse.status import classify_status, deadline_line, status_line
from graphkit.parse.wording import STRONG_ACTION_RE
from graphkit.patterns import one_of
from graphkit.records import Issue, Measure

_TIME_START_RE = one_of(
    r"^(?:截至|截止|到)?(?:\d{4}年|今年|去年|前\d+个?月|\d{1,2}\s*[—\-~至]\s*\d{1,2}月|\d{1,2}月(?:份)?,|近年来|目前|至今)",
    # a "since …" clause (巡视反馈以来, 集中整改以来,): what followed, reported as figures
    r"^[^,，。;；]{1,10}以来[,，]",
)
_INTRO_START_RE = re.compile(
    r"^(?:坚持|按照|围绕|紧扣|对照|根据|为了?|结合|聚焦|立足|以|紧紧|始终|切实|深刻)"
)
_SEG_FRAME_RE = re.compile(r"\s*(?:关于|针对|“)")


@dataclass
class _Gathered:
    """What an issue's text yields while it is read: measures (with an outcome flag), sub-issues
    found inside paragraphs, status and time-limit lines, and how far the issue reaches."""

    span_end: int
    measures: list[tuple[Measure, bool]] = field(default_factory=list)
    children: list[Issue] = field(default_factory=list)
    statuses: list[tuple[str | None, str | None]] = field(default_factory=list)
    deadline: str | None = None


class IssueReader:
    """Turns classified outline nodes into Issues with their measures."""

    def __init__(self, doc: NoticeText, classifier: Classifier) -> None:
        self.doc = doc
        self.text = doc.text
        self.norm = doc.norm
        self.cls = classifier

    # ---- one measure -----------------------------------------------------------------
    def _measure(self, label: Label | None, start: int, end: int) -> Measure | None:
        """A measure from text[start:end] (its label, if any, is not in that range)."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        if end - start < 2:
            return None
        body = self.text[start:end]
        lab = label.text(self.text) if label else None
        span_start = label.start if label else start
        return Measure(label=lab, text=body, documents=extract_documents(body), span=(span_start, end))

    def _action_like(self, start: int, end: int) -> bool:
        s = self.norm[start:end].strip(" ,，。;；:：")
        if len(s) < 8:
            return False
        if _INTRO_START_RE.match(s) and "《" not in s:
            return False
        return "《" in s or bool(STRONG_ACTION_RE.search(s))

    def _is_outcome(self, start: int, end: int) -> bool:
        s = self.norm[start:end].strip()
        opening = _TIME_START_RE.match(s)
        if "《" in s or not opening:
            return False
        return not STRONG_ACTION_RE.search(s, opening.end())  # (巡视整改以来 names no action)

    # ---- enumerations inside a paragraph ---------------------------------------------
    def _segments(self, segs: list[Segment], acc: _Gathered) -> None:
        for seg in segs:
            lab = seg.label
            # 一是针对“……”的问题。①……②……: an enumerated problem with its own measures
            h = (
                analyze_heading(self.norm, lab.end, seg.end)
                if _SEG_FRAME_RE.match(self.norm, lab.end)
                else None
            )
            if h is not None and states_problem(self.norm, h) and h.stop in "。:;":
                sub = _Gathered(seg.end)
                if seg.children:
                    self._segments(list(seg.children), sub)
                else:
                    m = self._measure(None, h.rest + 1, seg.end)
                    if m:
                        sub.measures.append((m, False))
                acc.children.append(
                    Issue(
                        label=lab.text(self.text),
                        title=clean_title(self.text, self.norm, h.title_start, h.title_end),
                        children=[],
                        measures=[m for m, _ in sub.measures],
                        span=(lab.start, seg.end),
                    )
                )
                continue
            head_end = seg.children[0].label.start if seg.children else seg.end
            m = self._measure(lab, lab.end, head_end)
            if m:
                acc.measures.append((m, False))
            if seg.children:
                self._segments(list(seg.children), acc)

    def _paragraph_measures(self, start: int, end: int, acc: _Gathered, *, preamble: str) -> None:
        """Measures of norm[start:end]; `preamble` says what to do with text before the numbers:
        'action' keeps it when it reports an action, 'never' drops it, 'always' keeps it."""
        m = MEASURE_PREFIX_RE.match(self.norm, start, end)
        if m:
            start = m.end()
        f = FOLLOWUP_RE.match(self.norm, start, end)
        if f and f.end() > start:
            start = f.end()
        first, segs = self.doc.inline(start, end)
        if segs:
            if preamble == "always" or (preamble == "action" and self._action_like(start, first)):
                pm = self._measure(None, start, first)
                if pm:
                    acc.measures.append((pm, False))
            self._segments(segs, acc)
            return
        if preamble == "never":
            return
        pm = self._measure(None, start, end)
        if pm:
            acc.measures.append((pm, self._is_outcome(start, end)))

    # ---- body paragraphs ---------------------------------------------------------------
    def _take_body(
        self,
        paras: list[Para],
        acc: _Gathered,
        *,
        after_intro_only: bool,
        has_issue_children: bool,
        continues: Measure | None = None,
    ) -> None:
        """Read body paragraphs: status and time-limit lines, intros, measures."""
        seen_intro = not after_intro_only
        for b in paras:
            acc.span_end = max(acc.span_end, b.end)
            s = self.doc.line(b)
            st = status_line(s)
            if st is not None:
                content, _off = st
                dl = find_deadline(content, self.doc.years.before(b.start))
                acc.statuses.append((classify_status(content), dl))
                continue
            dl_content = deadline_line(s)
            if dl_content is not None:
                acc.deadline = find_deadline(dl_content, self.doc.years.before(b.start)) or acc.deadline
                said = classify_status(dl_content)  # 整改时限:长期坚持 / 已完成
                if said is not None:
                    acc.statuses.append((said, None))
                continue
            if LEADER_LINE_RE.match(s) or PROBLEM_INTRO_RE.match(s):
                continue
            if self.cls.is_intro(b):
                seen_intro = True
                pm = MEASURE_PREFIX_RE.match(s)
                if (not pm or pm.end() >= len(s)) and not self._intro_goes_on(b):
                    continue
            elif not seen_intro:
                continue  # a further description of the problem
            if has_issue_children and self.cls.describes_problem(b):
                continue  # 对……反馈问题整改不够到位,仍有4项未完成整改。 above the issues it sums up
            if continues is not None and not self.doc.inline(b.start, b.end)[1]:
                # an unnumbered paragraph after a numbered measure goes on with it
                _extend(continues, self.text, b.start, b.end)
                continue
            self._paragraph_measures(b.start, b.end, acc, preamble="action")

    def _intro_goes_on(self, b: Para) -> bool:
        """An introducing phrase that runs on with what was done (针对上述问题,学院修订《……》……)."""
        s = self.doc.line(b)
        return not s.rstrip().endswith((":", "：")) and len(s) > 40 and self._action_like(b.start, b.end)

    def _stated_issue(self, seg: Segment) -> Issue:
        """A problem listed in a heading that runs on (一是学用结合不够紧密。)."""
        h = analyze_heading(self.norm, seg.label.end, seg.end)
        return Issue(
            label=seg.label.text(self.text),
            title=clean_title(self.text, self.norm, h.title_start, h.title_end),
            span=(seg.label.start, seg.end),
        )

    # ---- issues ------------------------------------------------------------------------
    def issue(self, node: Node) -> Issue:
        """The Issue of a node classified as one, with its sub-issues and measures."""
        p = node.para
        assert p is not None
        h = self.doc.heading(node)
        acc = _Gathered(p.end)
        has_issue_children = any(c.role == "issue" for c in node.children)
        body_intro = self.cls.has_intro(node)
        # the text after the stated problem in the heading paragraph
        rest = h.rest
        while rest < p.end and self.norm[rest] in " ,，。;；:：":
            rest += 1
        stated = self.cls.stated_problems(node)
        shortcomings = [self._stated_issue(seg) for seg in stated]
        if shortcomings:
            acc.children.extend(shortcomings)
        elif rest < p.end and not body_intro:
            if h.framed:
                self._paragraph_measures(
                    rest, p.end, acc, preamble="action" if has_issue_children else "always"
                )
                if has_issue_children and acc.measures and not self.doc.inline(rest, p.end)[1]:
                    acc.measures.clear()
            else:
                self._paragraph_measures(rest, p.end, acc, preamble="never")
        leftover = (
            (rest, p.end) if rest < p.end and not h.framed and not body_intro and not shortcomings else None
        )

        # the problems listed in the heading go on in paragraphs of their own (二是……): what stands
        # between is the rectification of the last one listed; else it answers the heading
        body_acc = acc
        if stated and any(
            c.role == "issue" and c.kind == stated[-1].label.kind and c.number == stated[-1].label.number + 1
            for c in node.children
        ):
            body_acc = _Gathered(p.end)
        self._take_body(
            node.body,
            body_acc,
            after_intro_only=body_intro and not self.cls.starts_with_intro(node),
            has_issue_children=has_issue_children,
        )
        if body_acc is not acc:
            last = shortcomings[-1]
            last.measures = _settle(body_acc)
            last.children = body_acc.children
            last.span = (last.span[0] if last.span else p.start, max(body_acc.span_end, p.end))
            acc.span_end = max(acc.span_end, body_acc.span_end)
        for c in node.children:
            if c.role == "issue":
                child = self.issue(c)
                acc.children.append(child)
                acc.span_end = max(acc.span_end, child.span[1] if child.span else acc.span_end)
            else:
                acc.span_end = max(acc.span_end, self._measure_node(c, acc, has_issue_children))
        if leftover and not acc.measures and not acc.children:
            m = self._measure(None, *leftover)
            if m:
                acc.measures.append((m, False))
        # a heading with no words of a problem (关于 alone, a bare label) keeps what it says
        title = (
            clean_title(self.text, self.norm, h.title_start, h.title_end)
            or self.text[p.label.end if p.label else p.start : p.end].strip()
            or self.text[p.start : p.end].strip()
        )
        return Issue(
            label=p.label.text(self.text) if p.label else None,
            title=title,
            children=acc.children,
            measures=_settle(acc),
            span=(p.start, acc.span_end),
        )

    def _measure_node(self, node: Node, acc: _Gathered, has_issue_children: bool) -> int:
        """Measures of a node classified as a measure (and of the measures under it)."""
        p = node.para
        if p is None:
            return 0
        lab = p.label
        before = len(acc.measures)
        if lab is None:  # an unnumbered paragraph hung here by malformed numbering
            self._paragraph_measures(p.start, p.end, acc, preamble="always")
        elif self.doc.own_enumeration(p):
            # ①……②……③…… in one paragraph that opens with its first label
            _f, own = self.doc.inline(lab.start, p.end, (lab.kind,))
            self._segments(_split_own(self.norm, own, p.end), acc)
        else:
            first, segs = self.doc.inline(lab.end, p.end)
            m = self._measure(lab, lab.end, first if segs else p.end)
            if m:
                acc.measures.append((m, False))
            if segs:
                self._segments(segs, acc)
        last = acc.measures[-1][0] if len(acc.measures) > before else None
        self._take_body(
            node.body,
            acc,
            after_intro_only=False,
            has_issue_children=has_issue_children,
            continues=last,
        )
        end = p.end
        for c in node.children:
            if c.role == "issue":  # 关于“……”问题 under a measure: an issue of its own
                child = self.issue(c)
                acc.children.append(child)
                end = max(end, child.span[1] if child.span else end)
            else:
                end = max(end, self._measure_node(c, acc, has_issue_children))
        for b in node.body:
            end = max(end, b.end)
        return end


def _settle(acc: _Gathered) -> list[Measure]:
    """The issue's measures (outcome-only paragraphs dropped when there are others), with the
    status and deadline of its status lines; with no measure of its own, its sub-issues get them."""
    kept = [m for m, outcome in acc.measures if not outcome]
    final = kept if kept else [m for m, _ in acc.measures]
    status = None
    st_deadline = None
    for s_, d_ in acc.statuses:
        status = s_ or status
        st_deadline = d_ or st_deadline
    dl = acc.deadline or st_deadline
    for m in final:
        if status and m.status is None:
            m.status = status  # type: ignore[assignment]
        if dl and m.deadline is None:
            m.deadline = dl
    if (status or dl) and not final:
        _propagate(acc.children, status, dl)
    return final


def _extend(m: Measure, text: str, start: int, end: int) -> None:
    """Let measure `m` run on over text[start:end] (a paragraph that continues it)."""
    # the text between keeps what stands in the notice (a line break, or the blank of a line that
    # ran several paragraphs together), so that the measure's text is its span's text
    between = text[m.span[1] : start] if m.span else "\n"
    m.text = m.text + between + text[start:end].strip()
    m.span = (m.span[0] if m.span else start, end)
    m.documents = extract_documents(m.text)


def _split_own(norm: str, own: list[Segment], end: int) -> list[Segment]:
    """The segments of a paragraph-opening enumeration, each with its nested enumeration."""
    out: list[Segment] = []
    rest = tuple(k for k in INLINE_KINDS if k != own[0].label.kind)
    for i, seg in enumerate(own):
        seg_end = own[i + 1].label.start if i + 1 < len(own) else end
        _f, kids = find_inline(norm, seg.label.end, seg_end, rest)
        out.append(Segment(seg.label, seg_end, tuple(kids)))
    return out


def _propagate(issues: list[Issue], status: str | None, deadline: str | None) -> None:
    for i in issues:
        for m in i.measures:
            if status and m.status is None:
                m.status = status  # type: ignore[assignment]
            if deadline and m.deadline is None:
                m.deadline = deadline
        _propagate(i.children, status, deadline)
