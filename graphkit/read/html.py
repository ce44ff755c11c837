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

import codecs
import re
from typing import Any

from graphkit.errors import InputError
from graphkit.read.decode import decode_text

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "cp950"}
# Codec names (as codecs.lookup spells them) that no web page is written in.
_NOT_CHARSETS = (
    "unicode-escape",
    "raw-unicode-escape",
    "utf-7",
    "idna",
    "punycode",
    "undefined",
    "charmap",
    "utf-16",
    "utf-32",
)
_SURROGATE = re.compile("[\ud800-\udfff]")

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
_DROP = frozenset(_DROP_TAGS)
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
    """Decode an HTML page: a declared charset that decodes cleanly wins, else detection.

    Only a character set is taken at its word: Python codecs that are not one (unicode_escape,
    utf-7, idna … turn `\\ud800` or `+2AA-` into lone surrogates) and UTF-16/32 (a page whose
    `<meta>` reads as ASCII is not in them) are ignored like an unknown name, and so is a
    declaration whose reading holds a lone surrogate.
    """
    m = _META_CHARSET.search(data[:4096])
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        name = m.group(1).decode("ascii").lower()
        try:
            codec = codecs.lookup(_CHARSET_ALIASES.get(name, name))
            if not codec.name.startswith(_NOT_CHARSETS):  # (bytes-to-bytes codecs: LookupError)
                text = data.decode(codec.name)
                if not _SURROGATE.search(text):
                    return text
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
    _drop_chrome(soup)
    body = soup.body or soup
    article = _find_article(body, _text_weights(body))
    lines = _lines(article)
    prefix = _heading_and_meta(body, article, lines)
    if not prefix and page_title and not lines:
        prefix = [page_title]
    text = "\n".join(prefix + lines)
    if not text.strip():
        raise InputError(path, "HTML page holds no text")
    return text


def _drop_chrome(soup: Any) -> None:
    """Remove scripts, forms, navigation … (`_DROP_TAGS`) and the elements whose class or id
    names site chrome, in one pass over the tree.

    A removed element's descendants are not visited. (Asking bs4 for `tag.decomposed` instead
    searched the whole subtree for a child tag of that name: quadratic on nested pages.)
    """
    from bs4 import Tag

    stack: list[Any] = [soup]
    while stack:
        node = stack.pop()
        contents = node.contents
        for i in range(len(contents) - 1, -1, -1):  # last first: kept children go on the stack
            tag = contents[i]  # in reverse, so that they are visited in document order
            if not isinstance(tag, Tag):
                continue
            if tag.name in _DROP or (tag.name not in ("html", "body") and _is_chrome(tag)):
                # its index given: bs4 would look it up among its siblings (quadratic on wide pages)
                tag.extract(_self_index=i)
                tag.decompose()
            else:
                stack.append(tag)


def _is_chrome(tag: Any) -> bool:
    attrs = " ".join([tag.get("id") or "", *(tag.get("class") or [])])
    return bool(attrs.strip() and _CHROME_ATTR.search(attrs))


def _text_weights(root: Any) -> dict[int, int]:
    """Each element's text length outside links (links are menus, not articles), by `id()`.

    The length is that of `get_text(strip=True)` less that of the `<a>` elements inside; all
    are summed bottom-up in one pass, so that descending into a deeply nested page stays linear.
    """
    from bs4.element import CData, NavigableString, Tag

    tags: list[Any] = [root]
    tags.extend(d for d in root.descendants if isinstance(d, Tag))
    total: dict[int, int] = {}
    links: dict[int, int] = {}
    for tag in reversed(tags):  # children before their parents
        t = a = 0
        for child in tag.children:
            if isinstance(child, Tag):
                t += total[id(child)]
                a += links[id(child)] + (total[id(child)] if child.name == "a" else 0)
            elif type(child) in (NavigableString, CData):
                t += len(child.strip())
        total[id(tag)] = t
        links[id(tag)] = a
    return {k: total[k] - links[k] for k in total}


def _find_article(body: Any, weights: dict[int, int]) -> Any:
    node = body
    while True:
        weight = weights[id(node)]
        if weight <= 0:
            return node
        best = None
        for child in node.find_all(True, recursive=False):
            w = weights[id(child)]
            if w >= _DESCEND_SHARE * weight and (best is None or w > best[0]):
                best = (w, child)
        if best is None:
            return node
        node = best[1]


def _lines(root: Any) -> list[str]:
    from bs4.element import NavigableString, Tag

    parts: list[str] = []
    if not isinstance(root, Tag):
        return []
    # An explicit stack rather than recursion: pages nest thousands of elements deep. An item is
    # an element to open, or a string to emit once its element's children are done.
    stack: list[Any] = [iter(root.children)]
    while stack:
        item = stack[-1]
        if isinstance(item, str):
            stack.pop()
            parts.append(item)
            continue
        child = next(item, None)
        if child is None:
            stack.pop()
        elif isinstance(child, NavigableString):
            if type(child).__name__ in ("Comment", "Doctype", "Declaration", "ProcessingInstruction"):
                continue
            parts.append(re.sub(r"\s+", " ", str(child)))
        elif isinstance(child, Tag):
            if child.name in _CELL:
                stack += ["\t", iter(child.children)]
                continue
            block = child.name in _BLOCK
            if block:
                parts.append("\n")
                stack.append("\n")
            stack.append(iter(child.children))
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
        if h is article or any(p is article for p in h.parents):  # `in` would compare trees
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
