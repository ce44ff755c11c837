"""Problem or action: which numbered items state what was wrong (issues) and which state what
was done (measures).

The decision reads an item's content and its place, not its number style: a frame that names
a problem (关于“……”问题, 在……方面), shortcoming wording (不够, 不到位, 差距 …) against action
verbs (制定, 召开, 建立 …), an introduction of measures (整改措施:) in its body, the roles of the
items it continues.
"""

from __future__ import annotations

import re

from graphkit.parse.context import NoticeText
from graphkit.parse.headings import analyze_heading, states_problem
from graphkit.parse.numbering import Segment, match_label
from graphkit.parse.outline import Node
from graphkit.parse.sections import Para
from graphkit.parse.status import status_line
from graphkit.parse.wording import (
    ACTION_VERB_RE,
    SHORTFALL_RE,
    STRONG_ACTION_RE,
    reports_action,
    states_shortcoming,
)
from graphkit.patterns import one_of

__all__ = ["ACTION_VERB_RE", "SHORTFALL_RE", "STRONG_ACTION_RE", "Classifier"]

_ACTION_FRAME_RE = re.compile(r"\s*(?:针对|对于)")
# "整改措施及成效:" and its kin open the measures of an issue
MEASURE_PREFIX_RE = one_of(
    r"(?:主要|具体)?(?:整改|落实|工作)?(?:措施|举措)(?:及|与|和)?(?:取得)?(?:的)?(?:时)?(?:成效|效果|情况)?\s*[:：]+\s*",  # 整改措施及成效:
    r"(?:整改|落实|工作)(?:情况|成效|进展)\s*[:：]+\s*",  # 整改情况:
    r"下一步(?:工作|打算|计划|措施)*\s*[:：]+\s*",  # 下一步工作:
)
INTRO_RE = one_of("^对应问题", "^针对上述问题", r"^主要(?:整改)?措施")
# a line that only announces the problem's manifestations (具体表现:) introduces issues, not measures
PROBLEM_INTRO_RE = re.compile(
    r"^(?:具体表现|主要表现|问题表现|表现为|存在问题|具体问题)\s*(?:如下|有)?\s*[:：]?$"
)
INTRO_END_RE = re.compile(r"(?:如下|以下(?:整改|措施|工作)?|下列措施|具体措施)\s*[:：。]?$|[:：]$")
FOLLOWUP_RE = re.compile(
    r"[,，:：;；。\s]*(?:并|已)?(?:进行了|采取了|开展了|作了|做了)?(?:以下|如下)(?:整改|措施|工作)(?:措施|工作)?[。:：,，;；\s]*"
)


class Classifier:
    """Gives every node of an outline its role (issue or measure)."""

    def __init__(self, doc: NoticeText) -> None:
        self.doc = doc
        self.norm = doc.norm
        self._intro: dict[int, bool] = {}
        self._stated: dict[int, list[Segment]] = {}
        self._last: dict[str, tuple[int, str]] = {}

    # ---- paragraphs ------------------------------------------------------------------
    def is_intro(self, p: Para) -> bool:
        """A paragraph that introduces the measures that follow (整改措施: / 针对上述问题, ……如下:)."""
        got = self._intro.get(p.start)
        if got is None:
            s = self.doc.line(p)
            if PROBLEM_INTRO_RE.match(s) or status_line(s) is not None:
                got = False
            elif MEASURE_PREFIX_RE.match(s):
                got = True
            else:
                got = bool(INTRO_RE.match(s) or (len(s) <= 80 and INTRO_END_RE.search(s)))
            self._intro[p.start] = got
        return got

    def unlabeled_issue(self, p: Para) -> bool:
        """An unnumbered paragraph that opens by naming a problem (关于“……”问题。)."""
        s = self.doc.line(p)
        if s.startswith("关于"):
            return True
        if not (s.startswith("针对") or s.startswith("“")):
            return False
        h = analyze_heading(self.norm, p.start, p.end)
        if not h.framed:
            return False
        if s.startswith("针对") and not states_problem(self.norm, h):
            return False  # 针对我区的弃管小区,成立了……: an action, no problem named
        if h.stop in "。:;" or h.stop == "":
            return True
        return bool(FOLLOWUP_RE.match(self.norm, h.rest, p.end)) and "以下" in self.norm[h.rest : h.rest + 12]

    def describes_problem(self, p: Para) -> bool:
        """A paragraph that only states a shortcoming: no enumeration, no document, no action verb."""
        s = self.doc.line(p)
        if "《" in s or not SHORTFALL_RE.search(s) or ACTION_VERB_RE.search(s):
            return False
        return not self.doc.inline(p.start, p.end)[1]

    # ---- nodes -----------------------------------------------------------------------
    def has_intro(self, node: Node) -> bool:
        """A body paragraph of the node introduces measures."""
        if node.has_intro is None:
            node.has_intro = any(self.is_intro(b) for b in node.body)
        return node.has_intro

    def starts_with_intro(self, node: Node) -> bool:
        """The node's first body paragraph introduces measures."""
        return bool(node.body) and self.is_intro(node.body[0])

    def framed(self, node: Node) -> bool:
        """The node's heading names a problem in a frame, and does not go on with an action."""
        if node.kind == "none":
            return True
        h = self.doc.heading(node)
        if not h.framed:
            return False
        p = node.para
        assert p is not None
        opener_at = p.label.end if p.label else p.start
        if not states_problem(self.norm, h) and _ACTION_FRAME_RE.match(self.norm, opener_at):
            return False
        # (2)针对“……”问题,2022年6月,对……进行回头看 / 二是针对……问题,立即组织……: an action;
        # 1.关于“……”的问题,区城市管理委党委坚持问题导向…… still names the problem
        if h.stop != "," or h.rest >= p.end:
            return True
        if "以下" in self.norm[h.rest : h.rest + 12] and FOLLOWUP_RE.match(self.norm, h.rest, p.end):
            return True  # 针对“……”问题,进行了以下整改。
        opener = self.norm[opener_at : p.end].lstrip()
        return opener.startswith("关于") and self.norm[h.title_start - 1] == "“"

    def problem_statement(self, node: Node) -> bool:
        """A heading that states a problem plainly, without a frame (`1.……有时差问题。`,
        `1.学习贯彻……不够深入。一是……`), and has text of its own below or after it: the problem
        is named by its words (问题 closing its first sentence, shortcoming wording and no
        action verb), not by its number."""
        if node.para is None or node.kind in ("none", "circle"):
            return False  # ①② enumerate actions
        h = self.doc.heading(node)
        first = self.norm[h.title_start : h.rest]
        if h.stop not in "。;:" and h.rest < node.para.end:
            return False  # the sentence goes on with a comma: an action reported in one breath
        after = h.rest + 1
        while after < node.para.end and self.norm[after] == " ":
            after += 1
        if after < node.para.end and match_label(self.norm, after, node.para.end) is None:
            return False  # the paragraph goes on with what was done: an action item
        if not node.body and after >= node.para.end:
            return False
        return states_shortcoming(first)  # not 现场协调解决……困难问题 / 召开……, 建立……

    def stated_problems(self, node: Node) -> list[Segment]:
        """The enumerated items in which a heading runs on into its problems (1.……不够深入。
        一是学用结合不够紧密。……二是……), when the heading states a shortcoming; none when an
        item opens with what was done (then they are measures)."""
        p = node.para
        if p is None or node.kind == "none":
            return []
        got = self._stated.get(p.start)
        if got is not None:
            return got
        got = []
        h = self.doc.heading(node)
        rest = h.rest
        while rest < p.end and self.norm[rest] in " ,，。;；:：":
            rest += 1
        if rest < p.end and not h.framed and SHORTFALL_RE.search(self.norm, h.title_start, h.title_end):
            _first, segs = self.doc.inline(rest, p.end)
            for seg in segs:
                sh = analyze_heading(self.norm, seg.label.end, seg.end)
                sent = self.norm[sh.title_start : sh.title_end]
                if reports_action(sent) or not sent.strip():
                    got = []  # an item opening with what was done: these are measures
                    break
                got.append(seg)
        self._stated[p.start] = got
        return got

    def acts_after(self, node: Node) -> bool:
        """The heading paragraph goes on, after the named problem, with what was done."""
        if node.kind == "none" or node.para is None:
            return False
        h = self.doc.heading(node)
        return node.para.end - h.rest > 8

    def _restated_action(self, node: Node) -> bool:
        """An item restarting its parent's numbering, named as an action (no shortfall in its
        first sentence, not framed as a problem) and going on with what was done."""
        if self.framed(node) or not self.acts_after(node):
            return False
        h = self.doc.heading(node)
        return not SHORTFALL_RE.search(self.norm, h.title_start, h.title_end)

    def _continues_issue(self, node: Node) -> bool:
        """(58) alone under its own heading continues (57) of the heading before, an issue:
        numbering that runs on across groups keeps the role of the item it continues."""
        last = self._last.get(node.kind)
        return bool(last and node.number > 1 and last == (node.number - 1, "issue"))

    def classify_tree(self, root: Node) -> None:
        """Set the role of every node of one section's outline."""
        self._last = {}
        self.classify(root)

    def classify(self, node: Node, measure_mode: bool = False) -> None:
        """Set the role of every node under `node` (in place)."""
        stated = self.stated_problems(node) if node.role == "issue" else []
        if stated:
            # 二是…… in a paragraph of its own continues the problems the heading began to list
            last = stated[-1].label
            self._last[last.kind] = (last.number, "issue")
        groups: dict[str, list[Node]] = {}
        for c in node.children:
            groups.setdefault(c.kind, []).append(c)
        parent_intro = node.kind != "root" and self.has_intro(node)
        for kind, group in groups.items():
            if kind in ("none", "wen"):  # 关于“……”问题。 / 问题一: name a problem by themselves
                for c in group:
                    c.role = "issue"
                    self._last[c.kind] = (c.number, c.role)
                continue
            framed = [self.framed(c) for c in group]
            # 一是针对……工作,多次…… 二是针对……问题。积极协调……: when not every item names a problem,
            # one that names it and goes on with the action in the same paragraph is an action too
            # plain problem statements (1.……问题。) count when most of the group are such
            plain = 2 * sum(self.problem_statement(c) for c in group) >= len(group)
            evidence = plain or any(
                (f and (all(framed) or not self.acts_after(c)))
                or self.has_intro(c)
                or any(g.kind != "circle" for g in c.children)
                for c, f in zip(group, framed, strict=True)
            )
            for c in group:
                if node.role == "measure" or measure_mode:
                    c.role = "measure"
                elif parent_intro and node.kind != "root":
                    c.role = "issue" if self.framed(c) or self._continues_issue(c) else "measure"
                elif evidence or node.kind == "root" or self._continues_issue(c):
                    c.role = "issue"
                else:
                    c.role = "measure"
                if c.role == "issue" and c.kind == node.kind and self._restated_action(c):
                    c.role = "measure"  # 一是落实……不彻底。 then 一是贯彻落实……。研究制定……
                self._last[c.kind] = (c.number, c.role)
        for c in node.children:
            self.classify(c, measure_mode=c.role == "measure")
