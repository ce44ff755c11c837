"""Width folding: a same-length copy of notice text for matching, so offsets into the copy map
1:1 to the original. (Lossy normalisation for comparing measures is another thing:
`graphkit.analysis.normalize`.)

Full-width ASCII forms (（）：，；． ０-９ Ａ-Ｚ …) become their half-width forms, the ideographic
space and other exotic spaces become a plain space, and a few look-alike dashes are unified.
Every character maps to exactly one character, so `len(fold_width(t)) == len(t)`.
"""

from __future__ import annotations

import re

_TABLE: dict[int, str] = {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
_TABLE.update(
    {
        0x3000: " ",  # ideographic space
        0x00A0: " ",  # no-break space
        0x2002: " ",
        0x2003: " ",
        0x2009: " ",
        0x200B: " ",  # zero-width space (kept same length)
        0xFEFF: " ",
        0x2014: "—",
        0x2015: "—",
        0x2012: "-",
        0x2013: "-",
        0x2212: "-",
        0xFF5E: "~",
        0x3002: "。",
        0xFF61: "。",
        0x2027: "·",
        0x00B7: "·",
        0x301C: "~",
        0x0009: " ",
        0x000D: " ",  # a lone CR is whitespace; CRLF keeps its LF
    }
)


_NEEDS = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_TABLE) if chr(c) != _TABLE[c]) + "]")


def _swap(m: re.Match[str]) -> str:
    return _TABLE[ord(m.group())]


def fold_width(text: str) -> str:
    """Return a same-length copy of `text` with width and spacing variants unified."""
    return _NEEDS.sub(_swap, text)


# Lines of web-page furniture a reader may leave behind (matched on the normalised line).
CHROME_RE = re.compile(
    r"^(?:分享到|打印本页|关闭窗口|【?打印】?|【?关闭】?|返回顶部|字号[:：]|今天是|您所在的位置|当前位置|"
    r"文章来源|来源[:：]|发布时间|更新时间|阅读量|浏览次数|点击数|责任编辑|编辑[:：]|"
    r"主办单位|承办单位|推荐使用|网站标识码|ICP|©|版权所有|Copyright|技术支持|"
    r"上一篇|下一篇|相关链接|扫一扫|公告公示$)",
    re.IGNORECASE,
)
_CHROME_ANY = re.compile(r"版权所有|ICP备|网站标识码|©")


def is_chrome(line: str) -> bool:
    """True for a (stripped, normalised) line that is page furniture, not notice text."""
    if not line:
        return True
    return bool(len(line) <= 120 and (CHROME_RE.match(line) or _CHROME_ANY.search(line)))
