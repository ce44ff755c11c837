"""Numbering levels → a tree of paragraphs.

Notices mix numbering styles freely (（一） 1. (1) 一是 ①, in any order), so the level of a
style is not fixed: the order in which styles first appear under an item decides what sits
under what. A label continues the item of the same style numbered one lower; a skipped number
or a restart continues that style's level; a first item of a style not yet open nests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from graphkit.parse.sections import Para

#: depth beyond which a new style no longer nests (malformed or adversarial numbering)
MAX_DEPTH = 12


@dataclass
class Node:
    """One numbered (or unnumbered problem) paragraph and what stands under it."""

    para: Para | None
    kind: str  # the label's kind, "none" for an unnumbered problem paragraph, "root"
    number: int
    children: list[Node] = field(default_factory=list)
    body: list[Para] = field(default_factory=list)
    role: str = ""  # issue / measure
    has_intro: bool | None = None  # memo: a body paragraph introduces the measures

    @property
    def start(self) -> int:
        """Offset of the node's paragraph; 0 for the root or a node without one."""
        return self.para.start if self.para else 0


def build_outline(
    paras: list[Para],
    *,
    inline_enumeration: Callable[[Para], bool],
    unlabeled_issue: Callable[[Para], bool],
    top_headings: frozenset[int] = frozenset(),
) -> Node:
    """The tree of `paras`: numbered paragraphs become nodes, the others the body of the last one.

    `inline_enumeration(p)` tells a paragraph whose label opens an enumeration held in that one
    paragraph (①……②……③……): it stays body text. `unlabeled_issue(p)` tells an unnumbered
    paragraph that names a problem (关于“……”问题。): it becomes a node of its own.
    """
    root = Node(None, "root", 0)
    stack: list[Node] = [root]
    for p in paras:
        lab = p.label
        if lab is not None and lab.kind != "cn_dun" and inline_enumeration(p):
            stack[-1].body.append(p)
        elif lab is not None and (lab.kind != "cn_dun" or p.start in top_headings):
            place(stack, Node(p, lab.kind, lab.number))
        elif lab is None and unlabeled_issue(p):
            node = Node(p, "none", 0)
            if stack[-1].kind == "none" and len(stack) > 1:
                stack.pop()
            stack[-1].children.append(node)
            stack.append(node)
        else:
            stack[-1].body.append(p)
    return root


def place(stack: list[Node], node: Node) -> None:
    """Hang `node` in the tree whose open path is `stack` (root first), and open it."""
    k, n = node.kind, node.number
    for j in range(len(stack) - 1, 0, -1):
        if stack[j].kind == k and stack[j].number == n - 1:
            _reopen(stack, j, node)
            return
    # a skipped number (3. after 1.), or a 1 that restarts a kind which is not the current
    # item's own (a new group elsewhere), continues that kind's level; a 1 right under an
    # item of the same kind nests (一是…: 一是……二是……). Depth is capped.
    if n != 1 or (stack[-1].kind != k and any(x.kind == k for x in stack[1:])) or len(stack) > MAX_DEPTH:
        for j in range(len(stack) - 1, 0, -1):
            if stack[j].kind == k:
                _reopen(stack, j, node)
                return
    stack[-1].children.append(node)
    stack.append(node)


def _reopen(stack: list[Node], j: int, node: Node) -> None:
    stack[j - 1].children.append(node)
    del stack[j:]
    stack.append(node)
