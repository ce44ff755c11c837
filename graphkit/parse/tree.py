"""Build the issue tree of the rectification sections: which numbered items state problems
(issues) and which state what was done (measures), their titles, texts, statuses and spans."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphkit.parse.dates import YearIndex, find_deadline
from graphkit.parse.documents import extract_documents
from graphkit.parse.numbering import INLINE_KINDS, Label, Segment, find_inline, match_label
from graphkit.parse.sections import Para, Section
from graphkit.parse.status import classify_status, deadline_line, status_line
from graphkit.records import Issue, Measure

# "整改措施及成效:" and its kin open the measures of an issue
MEASURE_PREFIX_RE = re.compile(
    r"(?:主要|具体)?(?:整改|落实|工作)?(?:措施|举措)(?:及|与|和)?(?:取得)?(?:的)?(?:时)?(?:成效|效果|情况)?\s*[:：]+\s*"
    r"|(?:整改|落实|工作)(?:情况|成效|进展)\s*[:：]+\s*"
    r"|下一步(?:工作|打算|计划|措施)*\s*[:：]+\s*"
)
INTRO_RE = re.compile(r"^对应问题|^针对上述问题|^主要(?:整改)?措施")
# a line that only announces the problem's manifestations (具体表现:) introduces issues, not measures
PROBLEM_INTRO_RE = re.compile(
    r"^(?:具体表现|主要表现|问题表现|表现为|存在问题|具体问题)\s*(?:如下|有)?\s*[:：]?$"
)
# a paragraph that states a shortcoming (the description of a category of problems)
_SHORTFALL_RE = re.compile(r"不够|不到位|不力|不足|不严|不实|未完成|没有|缺乏|薄弱|差距|滞后|仍有|仍然|依然")
INTRO_END_RE = re.compile(r"(?:如下|以下(?:整改|措施|工作)?|下列措施|具体措施)\s*[:：。]?$|[:：]$")
FOLLOWUP_RE = re.compile(
    r"[,，:：;；。\s]*(?:并|已)?(?:进行了|采取了|开展了|作了|做了)?(?:以下|如下)(?:整改|措施|工作)(?:措施|工作)?[。:：,，;；\s]*"
)
ROLE_LINE_RE = re.compile(r"^(?:责任领导|牵头领导|责任人|责任单位|牵头单位|责任处室|责任部门)\s*[:：]")
COUNT_TAIL_RE = re.compile(r"\s*\((?:共)?\s*\d+\s*(?:条|个|项)(?:具体)?(?:问题|表现)?\)\s*$")
_TIME_START_RE = re.compile(
    r"^(?:截至|截止|到)?(?:\d{4}年|今年|去年|前\d+个?月|\d{1,2}\s*[—\-~至]\s*\d{1,2}月|\d{1,2}月(?:份)?,|近年来|目前|至今)"
)
# verbs of an action taken; the strong set also counts 整改, the wider one softer verbs
_ACTIONS = (
    r"报送|制定|印发|出台|召开|下发|成立|修订|签订|举办|约谈|建立|组建|开展了|组织了|完成了|推动|督促|责令"
)
_STRONG_ACTION_RE = re.compile(_ACTIONS + r"|整改")
_ACTION_VERB_RE = re.compile(_ACTIONS + r"|研究|部署|落实了|加强|强化|健全|完善|规范")
_INTRO_START_RE = re.compile(
    r"^(?:坚持|按照|围绕|紧扣|对照|根据|为了?|结合|聚焦|立足|以|紧紧|始终|切实|深刻)"
)
_PROBLEM_STOP = "。:;!?"
_FRAME_OPEN_RE = re.compile(r"(?:关于|针对|对于)\s*")
_SEG_FRAME_RE = re.compile(r"\s*(?:关于|针对|“)")
_PROBLEM_WORD_RE = re.compile(r"问题|整改|情况|方面")
_TITLE_TAIL_RE = re.compile(r"(?:的)?问题$|(?:的)?整改(?:落实)?情况$|方面$")


@dataclass
class Node:
    para: Para | None
    kind: str
    number: int
    children: list[Node] = field(default_factory=list)
    body: list[Para] = field(default_factory=list)
    role: str = ""  # issue / measure
    has_intro: bool | None = None  # memo: a body paragraph introduces the measures


@dataclass
class Heading:
    title_start: int
    title_end: int
    rest: int  # where the text after the stated problem starts
    framed: bool  # 关于“……”问题 / 针对……问题 / “……”问题
    stop: str  # the character right after the problem ("" at the end)


_QUOTE_MARK = re.compile("[“”\n]")


def _match_quote(norm: str, i: int, end: int) -> int:
    """Index of the ” that closes the “ at i (nested “” counted), or -1."""
    depth = 0
    for m in _QUOTE_MARK.finditer(norm, i, end):
        c = m.group()
        if c == "“":
            depth += 1
        elif c == "”":
            depth -= 1
            if depth == 0:
                return m.start()
        else:
            break
    return -1


_AFTER_QUOTE_RE = re.compile(r"(?:的)?(?:问题|整改意见|整改措施|整改情况|有关问题|情况)?(?:的整改(?:情况)?)?")
_JUMP_RE = re.compile(r"(?:整改事项?|事项|问题)\s*\d*\s*(?=“)")
_UNQUOTED_END_RE = re.compile(
    r"(?:的)?问题(?:的整改(?:落实)?(?:情况)?)?(?=[。:;,!?]|$)|(?:的)?整改(?:落实)?情况(?=[。:;,]|$)"
)


_SENT_MARK = re.compile("[“‘”’。:;!?]")


def _sentence_end(norm: str, i: int, end: int) -> int:
    """End of the sentence starting at i (at 。;:!? outside quotes), or `end`."""
    depth = 0
    for m in _SENT_MARK.finditer(norm, i, end):
        c = m.group()
        if c in "“‘":
            depth += 1
        elif c in "”’":
            depth = max(0, depth - 1)
        elif depth == 0:
            return m.start()
    return end


def analyze_heading(norm: str, start: int, end: int) -> Heading:
    """Find the stated problem in a heading that starts at `start` (after its label)."""
    i = start
    while i < end and norm[i] == " ":
        i += 1
    framed = False
    m = _FRAME_OPEN_RE.match(norm[i:end])
    if m:
        framed = True
        i += m.end()
    # a quoted problem: 关于“……”(的)问题
    q = i
    for _ in range(3):
        if q < end and norm[q] == "“":
            close = _match_quote(norm, q, end)
            if close == -1:
                break
            jump = _JUMP_RE.match(norm, close + 1, end)
            if jump:  # 针对“举一反三”整改事项1“……”问题
                q = jump.end()
                continue
            after = _AFTER_QUOTE_RE.match(norm, close + 1, end)
            a_end = after.end() if after else close + 1
            nxt = norm[a_end] if a_end < end else ""
            said = norm[close + 1 : a_end]
            if "问题" in said or "整改" in said or nxt in _PROBLEM_STOP + ",和" or nxt == "":
                if nxt == "和" and framed:
                    # 针对“A”问题和“B”整改意见: skip the second part up to its own end
                    k = norm.find("“", a_end, end)
                    if k != -1:
                        c2 = _match_quote(norm, k, end)
                        if c2 != -1:
                            a2 = _AFTER_QUOTE_RE.match(norm, c2 + 1, end)
                            a_end = a2.end() if a2 else c2 + 1
                            nxt = norm[a_end] if a_end < end else ""
                t_end = _sentence_end(norm, q + 1, close)
                return Heading(q + 1, t_end, a_end, True, nxt)
        break
    # unquoted: up to (的)问题 in the first sentence, else the first sentence
    s_end = _sentence_end(norm, i, end)
    if framed:
        mm = _UNQUOTED_END_RE.search(norm, i, s_end + 1 if s_end < end else end)
        if mm:
            nxt = norm[mm.end()] if mm.end() < end else ""
            return Heading(i, mm.start(), mm.end(), True, nxt)
    nxt = norm[s_end] if s_end < end else ""
    t_end = s_end
    tail = _TITLE_TAIL_RE.search(norm[i:t_end])
    if tail and t_end - i - len(tail.group(0)) >= 4:
        t_end -= len(tail.group(0))
    quoted_problem = False
    if not framed and norm.startswith("“", i):
        close = _match_quote(norm, i, end)
        if (close != -1 and norm.startswith("问题", close + 1)) or (
            close != -1 and norm.startswith("的问题", close + 1)
        ):
            quoted_problem = True
            t_end = _sentence_end(norm, i + 1, close)
            return Heading(i + 1, t_end, s_end, True, nxt)
    return Heading(i, t_end, s_end, framed or quoted_problem, nxt)


def clean_title(text: str, norm: str, start: int, end: int) -> str:
    """The problem's words from the original text, without count tails and frame leftovers."""
    t = text[start:end].strip()
    nt = norm[start:end].strip()
    m = COUNT_TAIL_RE.search(nt)
    if m:
        t = t[: len(t) - len(m.group(0))].rstrip()
        nt = nt[: len(nt) - len(m.group(0))].rstrip()
    for pat in (r"(?:的)?问题$", r"(?:的)?整改(?:落实)?(?:情况)?$", r"方面$"):
        mm = re.search(pat, nt)
        if mm and len(nt) - len(mm.group(0)) >= 4:
            t = t[: len(t) - len(mm.group(0))].rstrip()
            nt = nt[: len(nt) - len(mm.group(0))].rstrip()
    return t.strip(" ,，。;；:：") or text[start:end].strip()


class TreeBuilder:
    def __init__(self, text: str, norm: str, years: YearIndex) -> None:
        self.text = text
        self.norm = norm
        self.years = years
        self._inline_memo: dict[tuple[int, int, tuple[str, ...]], tuple[int, list[Segment]]] = {}
        self._heading_memo: dict[int, Heading] = {}
        self._intro_memo: dict[int, bool] = {}

    def inline(
        self, start: int, end: int, kinds: tuple[str, ...] = INLINE_KINDS
    ) -> tuple[int, list[Segment]]:
        """find_inline on the normalised text, memoised (the same ranges are asked for often)."""
        key = (start, end, kinds)
        got = self._inline_memo.get(key)
        if got is None:
            got = self._inline_memo[key] = find_inline(self.norm, start, end, kinds)
        return got

    # ---- paragraph kinds -------------------------------------------------------------
    def line(self, p: Para) -> str:
        return self.norm[p.start : p.end]

    def is_intro(self, p: Para) -> bool:
        got = self._intro_memo.get(p.start)
        if got is None:
            got = self._intro_memo[p.start] = self._is_intro(p)
        return got

    def _is_intro(self, p: Para) -> bool:
        s = self.line(p)
        if PROBLEM_INTRO_RE.match(s) or status_line(s) is not None:
            return False
        m = MEASURE_PREFIX_RE.match(s)
        if m:
            return True
        return bool(INTRO_RE.match(s) or (len(s) <= 80 and INTRO_END_RE.search(s)))

    def unlabeled_issue(self, p: Para) -> bool:
        """An unnumbered paragraph that opens by naming a problem (关于“……”问题。)."""
        s = self.line(p)
        if s.startswith("关于"):
            return True
        if not (s.startswith("针对") or s.startswith("“")):
            return False
        h = analyze_heading(self.norm, p.start, p.end)
        if not h.framed:
            return False
        if s.startswith("针对") and not self._states_problem(h):
            return False  # 针对我区的弃管小区,成立了……: an action, no problem named
        if h.stop in "。:;" or h.stop == "":
            return True
        return bool(FOLLOWUP_RE.match(self.norm, h.rest, p.end)) and "以下" in self.norm[h.rest : h.rest + 12]

    # ---- tree ----------------------------------------------------------------------
    def build(self, paras: list[Para]) -> Node:
        root = Node(None, "root", 0)
        stack: list[Node] = [root]
        for p in paras:
            lab = p.label
            if lab is not None and lab.number == 1 and lab.kind in INLINE_KINDS and self._own_enumeration(p):
                lab = None  # ①……②……③…… all in this paragraph: an inline enumeration
                stack[-1].body.append(p)
                continue
            if lab is not None and lab.kind != "cn_dun":
                node = Node(p, lab.kind, lab.number)
                self._place(stack, node)
            elif lab is None and self.unlabeled_issue(p):
                node = Node(p, "none", 0)
                if stack[-1].kind == "none" and len(stack) > 1:
                    stack.pop()
                stack[-1].children.append(node)
                stack.append(node)
            else:
                stack[-1].body.append(p)
        return root

    def _own_enumeration(self, p: Para) -> bool:
        assert p.label is not None
        _f, own = self.inline(p.label.start, p.end, (p.label.kind,))
        return len(own) > 1 and own[0].label.start == p.label.start

    @staticmethod
    def _place(stack: list[Node], node: Node) -> None:
        k, n = node.kind, node.number
        for j in range(len(stack) - 1, 0, -1):
            if stack[j].kind == k and stack[j].number == n - 1:
                stack[j - 1].children.append(node)
                del stack[j:]
                stack.append(node)
                return
        # a skipped number (3. after 1.), or a 1 that restarts a kind which is not the current
        # item's own (a new group elsewhere), continues that kind's level; a 1 right under an
        # item of the same kind nests (一是…: 一是……二是……). Depth is capped.
        if n != 1 or (stack[-1].kind != k and any(x.kind == k for x in stack[1:])) or len(stack) > 12:
            for j in range(len(stack) - 1, 0, -1):
                if stack[j].kind == k:
                    stack[j - 1].children.append(node)
                    del stack[j:]
                    stack.append(node)
                    return
        stack[-1].children.append(node)
        stack.append(node)

    # ---- classification ------------------------------------------------------------
    def _heading(self, node: Node) -> Heading:
        p = node.para
        assert p is not None
        got = self._heading_memo.get(p.start)
        if got is None:
            got = self._heading_memo[p.start] = self._analyze(node, p)
        return got

    def _analyze(self, node: Node, p: Para) -> Heading:
        start = p.label.end if p.label else p.start
        lab2 = match_label(self.norm, start, p.end)
        if (
            lab2 is not None
            and lab2.kind == "shi"
            and re.match(r"关于|针对|“", self.norm[lab2.end : lab2.end + 2])
        ):
            start = lab2.end  # (27)一是关于“……”
        return analyze_heading(self.norm, start, p.end)

    def _has_intro(self, node: Node) -> bool:
        if node.has_intro is None:
            node.has_intro = any(self.is_intro(b) for b in node.body)
        return node.has_intro

    def _states_problem(self, h: Heading) -> bool:
        """The heading names a problem: a quoted one, or one that ends in 问题/整改情况."""
        if not h.framed:
            return False
        if h.title_start > 0 and self.norm[h.title_start - 1] == "“":
            return True
        return bool(_PROBLEM_WORD_RE.search(self.norm[h.title_end : h.rest]))

    def _framed(self, node: Node) -> bool:
        if node.kind == "none":
            return True
        h = self._heading(node)
        if not h.framed:
            return False
        p = node.para
        assert p is not None
        if not self._states_problem(h) and re.match(
            r"\s*(?:针对|对于)", self.norm[p.label.end if p.label else p.start :]
        ):
            return False
        # (2)针对“……”问题,2022年6月,对……进行回头看 / 二是针对……问题,立即组织……: an action;
        # 1.关于“……”的问题,区城市管理委党委坚持问题导向…… still names the problem
        if h.stop != "," or h.rest >= p.end:
            return True
        if "以下" in self.norm[h.rest : h.rest + 12] and FOLLOWUP_RE.match(self.norm, h.rest, p.end):
            return True  # 针对“……”问题,进行了以下整改。
        opener = self.norm[p.label.end if p.label else p.start :].lstrip()
        return opener.startswith("关于") and self.norm[h.title_start - 1] == "“"

    def classify(self, node: Node, measure_mode: bool = False) -> None:
        groups: dict[str, list[Node]] = {}
        for c in node.children:
            groups.setdefault(c.kind, []).append(c)
        parent_intro = node.kind != "root" and self._has_intro(node)
        for kind, group in groups.items():
            if kind == "none":
                for c in group:
                    c.role = "issue"
                continue
            framed = [self._framed(c) for c in group]
            # 一是针对……工作,多次…… 二是针对……问题。积极协调……: when not every item names a problem,
            # one that names it and goes on with the action in the same paragraph is an action too
            evidence = any(
                (f and (all(framed) or not self._acts_after(c)))
                or self._has_intro(c)
                or any(g.kind not in ("circle",) for g in c.children)
                for c, f in zip(group, framed, strict=True)
            )
            for c in group:
                if node.role == "measure" or measure_mode:
                    c.role = "measure"
                elif parent_intro and node.kind != "root":
                    c.role = "issue" if self._framed(c) else "measure"
                elif evidence or node.kind == "root" or self._continues_issue(c):
                    c.role = "issue"
                else:
                    c.role = "measure"
                if c.role == "issue" and c.kind == node.kind and self._restated_action(c):
                    c.role = "measure"  # 一是落实……不彻底。 then 一是贯彻落实……。研究制定……
                if c.kind != "none":
                    self._last[c.kind] = (c.number, c.role)
        for c in node.children:
            self.classify(c, measure_mode=c.role == "measure")

    def _acts_after(self, c: Node) -> bool:
        """The heading paragraph goes on, after the named problem, with what was done."""
        if c.kind == "none" or c.para is None:
            return False
        h = self._heading(c)
        return c.para.end - h.rest > 8

    def _describes_problem(self, b: Para) -> bool:
        """A paragraph that only states a shortcoming: no enumeration, no document, no action verb."""
        s = self.line(b)
        if "《" in s or not _SHORTFALL_RE.search(s) or _ACTION_VERB_RE.search(s):
            return False
        return not self.inline(b.start, b.end)[1]

    def _restated_action(self, c: Node) -> bool:
        """An item restarting its parent's numbering, named as an action (no shortfall in its
        first sentence, not framed as a problem) and going on with what was done."""
        if self._framed(c) or not self._acts_after(c):
            return False
        h = self._heading(c)
        return not _SHORTFALL_RE.search(self.norm, h.title_start, h.title_end)

    def _continues_issue(self, c: Node) -> bool:
        """(58) alone under its own heading continues (57) of the heading before, an issue:
        numbering that runs on across groups keeps the role of the item it continues."""
        last = self._last.get(c.kind)
        return bool(last and c.number > 1 and last == (c.number - 1, "issue"))

    # ---- extraction ----------------------------------------------------------------
    def issues(self, root: Node) -> list[Issue]:
        self._last: dict[str, tuple[int, str]] = {}
        self.classify(root)
        out: list[Issue] = []
        for c in root.children:
            if c.role == "issue":
                out.append(self._issue(c))
        return out

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
        return "《" in s or bool(_STRONG_ACTION_RE.search(s))

    def _segments(
        self, segs: list[Segment], out: list[tuple[Measure, bool]], issue_children: list[Issue]
    ) -> None:
        for seg in segs:
            lab = seg.label
            # 一是针对“……”的问题。①……②……: an enumerated problem with its own measures
            h = (
                analyze_heading(self.norm, lab.end, seg.end)
                if _SEG_FRAME_RE.match(self.norm, lab.end)
                else None
            )
            if h is not None and self._states_problem(h) and h.stop in "。:;":
                sub_measures: list[tuple[Measure, bool]] = []
                if seg.children:
                    self._segments(list(seg.children), sub_measures, [])
                else:
                    m = self._measure(None, h.rest + 1, seg.end)
                    if m:
                        sub_measures.append((m, False))
                title = clean_title(self.text, self.norm, h.title_start, h.title_end)
                issue_children.append(
                    Issue(
                        label=lab.text(self.text),
                        title=title,
                        children=[],
                        measures=[m for m, _ in sub_measures],
                        span=(lab.start, seg.end),
                    )
                )
                continue
            head_end = seg.children[0].label.start if seg.children else seg.end
            m = self._measure(lab, lab.end, head_end)
            if m:
                out.append((m, False))
            if seg.children:
                self._segments(list(seg.children), out, issue_children)

    def _paragraph_measures(
        self,
        start: int,
        end: int,
        out: list[tuple[Measure, bool]],
        issue_children: list[Issue],
        *,
        preamble: str,
    ) -> None:
        """Measures of norm[start:end]; `preamble` says what to do with text before the numbers:
        'action' keeps it when it reports an action, 'never' drops it, 'always' keeps it."""
        m = MEASURE_PREFIX_RE.match(self.norm, start, end)
        if m:
            start = m.end()
        f = FOLLOWUP_RE.match(self.norm, start, end)
        if f and f.end() > start:
            start = f.end()
        first, segs = self.inline(start, end)
        if segs:
            if preamble == "always" or (preamble == "action" and self._action_like(start, first)):
                pm = self._measure(None, start, first)
                if pm:
                    out.append((pm, False))
            self._segments(segs, out, issue_children)
            return
        if preamble == "never":
            return
        pm = self._measure(None, start, end)
        if pm:
            out.append((pm, self._is_outcome(start, end)))

    def _is_outcome(self, start: int, end: int) -> bool:
        s = self.norm[start:end].strip()
        if "《" in s or not _TIME_START_RE.match(s):
            return False
        return not _STRONG_ACTION_RE.search(s)

    def _issue(self, node: Node) -> Issue:
        p = node.para
        assert p is not None
        h = self._heading(node)
        title = clean_title(self.text, self.norm, h.title_start, h.title_end)
        label = p.label.text(self.text) if p.label else None
        children: list[Issue] = []
        measures: list[tuple[Measure, bool]] = []
        statuses: list[tuple[str | None, str | None]] = []
        deadline: str | None = None
        span_end = p.end

        has_issue_children = any(c.role == "issue" for c in node.children)
        body_intro = self._has_intro(node)
        # the text after the stated problem in the heading paragraph
        rest = h.rest
        while rest < p.end and self.norm[rest] in " ,，。;；:：":
            rest += 1
        if rest < p.end and not body_intro:
            if h.framed:
                self._paragraph_measures(
                    rest, p.end, measures, children, preamble="action" if has_issue_children else "always"
                )
                if has_issue_children and measures and not self.inline(rest, p.end)[1]:
                    measures.clear()
            else:
                self._paragraph_measures(rest, p.end, measures, children, preamble="never")
        leftover = (rest, p.end) if rest < p.end and not h.framed and not body_intro else None

        def take_body(paras: list[Para], after_intro_only: bool, continues: Measure | None = None) -> None:
            nonlocal deadline, span_end
            seen_intro = not after_intro_only
            for b in paras:
                span_end = max(span_end, b.end)
                s = self.line(b)
                st = status_line(s)
                if st is not None:
                    content, _off = st
                    dl = find_deadline(content, self.years.before(b.start))
                    statuses.append((classify_status(content), dl))
                    continue
                dl_content = deadline_line(s)
                if dl_content is not None:
                    deadline = find_deadline(dl_content, self.years.before(b.start)) or deadline
                    continue
                if ROLE_LINE_RE.match(s) or PROBLEM_INTRO_RE.match(s):
                    continue
                if self.is_intro(b):
                    seen_intro = True
                    pm = MEASURE_PREFIX_RE.match(s)
                    if not pm or pm.end() >= len(s):
                        continue
                elif not seen_intro:
                    continue  # a further description of the problem
                if has_issue_children and self._describes_problem(b):
                    continue  # 对……反馈问题整改不够到位,仍有4项未完成整改。 above the issues it sums up
                if continues is not None and not self.inline(b.start, b.end)[1]:
                    # an unnumbered paragraph after a numbered measure goes on with it
                    _extend(continues, self.text, b.start, b.end)
                    continue
                self._paragraph_measures(b.start, b.end, measures, children, preamble="action")

        take_body(node.body, after_intro_only=body_intro and not self._starts_with_intro(node))

        for c in node.children:
            if c.role == "issue":
                child = self._issue(c)
                children.append(child)
                span_end = max(span_end, child.span[1] if child.span else span_end)
            else:
                span_end = max(span_end, self._measure_node(c, measures, children, take_body))
        if leftover and not measures and not children:
            m = self._measure(None, *leftover)
            if m:
                measures.append((m, False))

        kept = [m for m, outcome in measures if not outcome]
        final = kept if kept else [m for m, _ in measures]
        status = None
        st_deadline = None
        for s_, d_ in statuses:
            status = s_ or status
            st_deadline = d_ or st_deadline
        dl = deadline or st_deadline
        for m in final:
            if status and m.status is None:
                m.status = status  # type: ignore[assignment]
            if dl and m.deadline is None:
                m.deadline = dl
        if (status or dl) and not final:
            _propagate(children, status, dl)
        return Issue(label=label, title=title, children=children, measures=final, span=(p.start, span_end))

    def _starts_with_intro(self, node: Node) -> bool:
        return bool(node.body) and self.is_intro(node.body[0])

    def _measure_node(self, node: Node, measures: list, children: list[Issue], take_body) -> int:  # type: ignore[no-untyped-def]
        p = node.para
        assert p is not None and p.label is not None
        lab = p.label
        own: list[Segment] = []
        if lab.number == 1 and lab.kind in INLINE_KINDS:
            _f, own = self.inline(lab.start, p.end, (lab.kind,))
        if len(own) > 1 and own[0].label.start == lab.start:
            # ①……②……③…… in one paragraph that opens with its first label
            self._segments(list(_split_own(self.norm, own, p.end)), measures, children)
        else:
            first, segs = self.inline(lab.end, p.end)
            m = self._measure(lab, lab.end, first if segs else p.end)
            if m:
                measures.append((m, False))
            if segs:
                self._segments(segs, measures, children)
        end = p.end
        last = measures[-1][0] if measures else None
        take_body(
            node.body, after_intro_only=False, continues=last if last and last.span[0] >= p.start else None
        )
        for c in node.children:
            end = max(end, self._measure_node(c, measures, children, take_body))
        for b in node.body:
            end = max(end, b.end)
        return end


def _extend(m: Measure, text: str, start: int, end: int) -> None:
    """Let measure `m` run on over text[start:end] (a paragraph that continues it)."""
    m.text = m.text + "\n" + text[start:end].strip()
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


def build_issues(text: str, norm: str, sections: list[Section], years: YearIndex) -> list[Issue]:
    """Issues of every rectification section, in document order."""
    builder = TreeBuilder(text, norm, years)
    out: list[Issue] = []
    for sec in sections:
        if sec.kind != "issues":
            continue
        root = builder.build(sec.paras)
        out.extend(builder.issues(root))
    return out
