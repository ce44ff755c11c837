"""The issue tree of the rectification sections: outline → roles → Issues with their measures.

The parts live in rooms of their own: `headings` reads a heading and its frame, `outline`
turns numbering into a tree, `classify` tells problems from actions, `measures` splits an
issue's text into measures and reads its status lines.
"""

from __future__ import annotations

from graphkit.parse.classify import Classifier
from graphkit.parse.context import NoticeText
from graphkit.parse.dates import YearIndex
from graphkit.parse.measures import IssueReader
from graphkit.parse.outline import build_outline
from graphkit.parse.sections import Section
from graphkit.records import Issue


def build_issues(text: str, norm: str, sections: list[Section], years: YearIndex) -> list[Issue]:
    """Issues of every rectification section, in document order."""
    doc = NoticeText(text, norm, years)
    classifier = Classifier(doc)
    reader = IssueReader(doc, classifier)
    out: list[Issue] = []
    for sec in sections:
        if sec.kind != "issues":
            continue
        paras, top = sec.paras, frozenset[int]()
        if sec.category and sec.heading is not None:
            paras, top = [sec.heading, *sec.paras], frozenset({sec.heading.start})
        root = build_outline(
            paras,
            inline_enumeration=doc.own_enumeration,
            unlabeled_issue=classifier.unlabeled_issue,
            top_headings=top,
        )
        classifier.classify_tree(root)
        out.extend(reader.issue(c) for c in root.children if c.role == "issue")
    return out
