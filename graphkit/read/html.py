"""HTML pages saved from government sites → the article's paragraphs, one per line.

The page's charset is taken from its byte-order mark or `<meta charset>` when that decodes
cleanly, else detected like a text file. Scripts, styles, forms, `<nav>`, `<aside>`,
`<footer>` and elements whose class or id names site chrome (menu, breadcrumb, share,
toolbar, copyright…) are removed. The article is the element holding most of the remaining
non-link text (descending from `<body>` while one child holds most of it); the page title
(`<h1>`) and date/source metadata above the article are kept in front of it. Block elements
and `<br>` end a paragraph; table cells are joined by a tab.
"""

from __future__ import annotations

import re
from typing import Any

from graphkit.errors import InputError
from graphkit.read.decode import decode_text

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "cp950"}

_DROP_TAGS = [
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "form",
    "button",
    "select",
    "input",
    "textarea",
    "nav",
    "aside",
    "footer",
    "head",
]
_CHROME_ATTR = re.compile(
    r"(^|[\s_\-])(nav|navbar|menu|breadcrumb|crumb|crumbs|location|position|footer|foot|copyright|share|"
    r"bdshare|toolbar|tools|sidebar|side|banner|topbar|login|search|related|pager|pagination|fontsize)"
    r"($|[\s_\-\d])",
    re.IGNORECASE,
)
_BLOCK = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "section",
        "article",
        "main",
        "header",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "dl",
        "hr",
        "center",
        "form",
        "address",
        "figure",
        "figcaption",
    ]
)
_CELL = frozenset(("td", "th"))
_META_LINE = re.compile(r"(发布时间|发布日期|发文日期|更新时间|时间|来源|日期)\s*[:：]")
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")
_DESCEND_SHARE = 0.7


def decode_html(data: bytes, path: str) -> str:
    """Decode an HTML page: a declared charset that decodes cleanly wins, else detection."""
    m = _META_CHARSET.search(data[:4096])
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        name = m.group(1).decode("ascii").lower()
        try:
            return data.decode(_CHARSET_ALIASES.get(name, name))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: fall back to detection
    return decode_text(data, path).text


def html_to_text(data: bytes, path: str) -> str:
    """Extract the main text of an HTML page, one paragraph per line.

    Raises:
        InputError: the page cannot be decoded or holds no text.
    """
    from bs4 import BeautifulSoup

    markup = decode_html(data, path)
    soup = BeautifulSoup(markup, "lxml")
    title_tag = soup.find("title")
    page_title = title_tag.get_text(" ", strip=True) if title_tag else ""
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed or tag.name in ("html", "body"):
            continue
        attrs = " ".join([tag.get("id") or "", *(tag.get("class") or [])])
        if attrs.strip() and _CHROME_ATTR.search(attrs):
            tag.decompose()
    body = soup.body or soup
    article = _find_article(body)
    lines = _lines(article)
    prefix = _heading_and_meta(body, article, lines)
    if not prefix and page_title and not lines:
        prefix = [page_title]
    text = "\n".join(prefix + lines)
    if not text.strip():
        raise InputError(path, "HTML page holds no text")
    return text


def _text_weight(el: Any) -> int:
    """Length of an element's text outside links (links are menus, not articles)."""
    total = len(el.get_text(strip=True))
    links = sum(len(a.get_text(strip=True)) for a in el.find_all("a"))
    return total - links


def _find_article(body: Any) -> Any:
    node = body
    while True:
        weight = _text_weight(node)
        if weight <= 0:
            return node
        best = None
        for child in node.find_all(True, recursive=False):
            w = _text_weight(child)
            if w >= _DESCEND_SHARE * weight and (best is None or w > best[0]):
                best = (w, child)
        if best is None:
            return node
        node = best[1]


def _lines(root: Any) -> list[str]:
    from bs4 import NavigableString, Tag

    parts: list[str] = []

    def walk(el: Any) -> None:
        for child in el.children:
            if isinstance(child, NavigableString):
                if type(child).__name__ in ("Comment", "Doctype", "Declaration", "ProcessingInstruction"):
                    continue
                parts.append(re.sub(r"\s+", " ", str(child)))
            elif isinstance(child, Tag):
                if child.name in _CELL:
                    walk(child)
                    parts.append("\t")
                    continue
                block = child.name in _BLOCK
                if block:
                    parts.append("\n")
                walk(child)
                if block:
                    parts.append("\n")

    if isinstance(root, Tag):
        walk(root)
    out = []
    for raw in "".join(parts).split("\n"):
        line = _SPACE_BETWEEN_CJK.sub("", raw.strip(" \t")).strip()
        if line:
            out.append(line)
    return out


def _heading_and_meta(body: Any, article: Any, lines: list[str]) -> list[str]:
    """The page's `<h1>` (or first heading) and date/source lines that stand above the article."""
    if article is body:
        return []
    prefix: list[str] = []
    heading = None
    for h in body.find_all(["h1", "h2", "h3"]):
        if article in h.parents or h is article:
            break
        heading = h
        break
    if heading is not None:
        text = heading.get_text(" ", strip=True)
        if text and (not lines or text != lines[0]):
            prefix.append(text)
    for el in article.find_all_previous(string=_META_LINE):
        # The whole metadata block (date and source often sit in sibling <span>s).
        holder = el.parent
        while holder is not None and holder.name not in _BLOCK and holder.parent is not None:
            holder = holder.parent
        text = holder.get_text(" ", strip=True) if holder is not None else str(el)
        line = re.sub(r"\s+", " ", text).strip()
        if line and len(line) <= 120 and line not in prefix:
            prefix.append(line)
        break
    return prefix
