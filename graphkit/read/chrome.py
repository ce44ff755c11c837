"""Drop web-page chrome kept as text lines around a notice: menus, breadcrumbs, toolbars, footers.

Pages saved from government sites as text carry the site around the article: a date banner
(`今天是:2019年10月31日 星期三`), channel menus (`公告公示`), a breadcrumb
(`您所在的位置:政务公开 > 公告公示`), a browser-title line (`<title> |`), toolbars
(`【字号:大 中 小】【打印】【关闭】`, `分享到:`) and a footer (`版权所有`, `ICP备`,
`主办单位`, `网站标识码`, the site's own contact line).

Only the head (before the first body paragraph) and the tail (after the last line that is not
footer) are looked at, and only lines that match a chrome pattern as a whole are dropped. Page
metadata that carries the publication date (`来源:… 发布时间:2022-07-01`) is kept, because
the record's `published` may come from it. Short contact lines (`联系方式:…`) are dropped
at the tail only together with an unmistakable footer line, since notices end with their own
contact details.
"""

from __future__ import annotations

import re

# --- head ---------------------------------------------------------------------------------

_DATE_BANNER = re.compile(r"^(今天是|今日是|今天:)|^\d{4}年\d{1,2}月\d{1,2}日\s*(星期|周)[一二三四五六日天]")
_BREADCRUMB_LEAD = re.compile(r"^(您|你)?(现在)?(当前)?(所在)?(的)?(位置|所在位置)\s*[:：]")
_CRUMB_SEP = re.compile(r"\s*(?:>>|>|»|＞|›|→|/)\s*")
_SENTENCE_PUNCT = re.compile(r"[。，,；;！!？?]")

# Words that make up site menus and toolbars (never a whole line of a notice).
_MENU_WORDS = frozenset(
    [
        "首页",
        "网站首页",
        "返回首页",
        "政务公开",
        "信息公开",
        "公告公示",
        "通知公告",
        "公示公告",
        "工作动态",
        "新闻中心",
        "新闻动态",
        "要闻",
        "工作要闻",
        "机构概况",
        "机构设置",
        "组织机构",
        "领导信息",
        "领导之窗",
        "互动交流",
        "公众参与",
        "办事服务",
        "网上办事",
        "专题专栏",
        "巡视巡察",
        "巡视工作",
        "巡察工作",
        "审查调查",
        "党纪法规",
        "政策法规",
        "政策文件",
        "纪律审查",
        "监督检查",
        "廉政教育",
        "信息发布",
        "网站地图",
        "联系我们",
        "无障碍",
        "无障碍浏览",
        "English",
        "登录",
        "注册",
        "搜索",
        "高级搜索",
        "站内搜索",
        "繁体",
        "简体",
        "繁體",
        "长者模式",
        "打印",
        "打印本页",
        "打印此页",
        "打印文章",
        "关闭",
        "关闭窗口",
        "关闭本页",
        "返回",
        "返回顶部",
        "返回列表",
        "收藏",
        "加入收藏",
        "分享",
        "分享到",
        "字号",
        "字体",
        "大",
        "中",
        "小",
        "默认",
        "放大",
        "缩小",
        "扫一扫",
        "微信",
        "微博",
        "QQ空间",
        "视力保护色",
        "阅读模式",
        "朗读",
        "上一篇",
        "下一篇",
        "相关链接",
    ]
)
_TOKEN_SPLIT = re.compile(r"[\s|｜·•/\\、【】\[\]()（）<>《》:：]+")

# --- tail ---------------------------------------------------------------------------------

_FOOTER_STRONG = re.compile(
    r"版权所有|版权归|Copyright|©|\(c\)\s*\d{4}|ICP备|ICP证|公网安备|网站标识码|网站识别码|"
    r"^主办单位|^主办\s*[:：]|^承办单位|^承办\s*[:：]|^协办单位|^技术支持|^运行维护|^网站维护|"
    r"推荐使用.{0,20}浏览器|分辨率|^分享到|^责任编辑|^编辑\s*[:：]|^相关链接|^相关(新闻|文章|阅读)|"
    r"^(【|\[)?(打印|关闭|收藏)",
    re.IGNORECASE,
)
_FOOTER_WEAK = re.compile(
    r"^(联系方式|联系电话|电话|传真|地址|通讯地址|邮编|邮政编码|电子邮箱|邮箱|E-?mail)\s*[:：]", re.IGNORECASE
)
_WEAK_MAX = 60

# --- body ---------------------------------------------------------------------------------

# A paragraph that begins the notice proper ends the head: a long sentence, or a section number.
_BODY_START = re.compile(r"^(根据|按照|依据|遵照)|^[一二三四五六七八九十]+、")
_BODY_MIN = 40


def is_menu_line(line: str) -> bool:
    """A line made only of menu/toolbar words (`首页 政务公开`, `【打印】【关闭】`, `字号:大 中 小`)."""
    tokens = [t for t in _TOKEN_SPLIT.split(line) if t]
    return bool(tokens) and all(t in _MENU_WORDS for t in tokens)


def is_breadcrumb(line: str) -> bool:
    """`您所在的位置:…`, or short segments joined by `>` (`首页 > 政务公开 > 公告公示`)."""
    if _BREADCRUMB_LEAD.match(line):
        return True
    if len(line) > 80 or _SENTENCE_PUNCT.search(line):
        return False
    parts = [p for p in _CRUMB_SEP.split(line) if p]
    return (
        len(parts) >= 2
        and ">" in line.replace("＞", ">").replace("»", ">")
        and all(len(p) <= 15 for p in parts)
    )


def is_head_chrome(line: str) -> bool:
    """A head line that is site chrome and never part of a notice."""
    return bool(_DATE_BANNER.match(line)) or is_breadcrumb(line) or is_menu_line(line)


def is_footer(line: str) -> bool:
    """A line that can only be the site's footer or toolbar."""
    return bool(_FOOTER_STRONG.search(line)) or is_menu_line(line)


def _is_title_bar(line: str, following: list[str]) -> bool:
    """The browser-title line: `<article title> |` or `<title> - <site>` repeating the title below."""
    m = re.match(r"^(.*?)\s*(?:[|｜]|\s[-_—–]\s|_)(.*)$", line)
    if not m or not m.group(1):
        return False
    head = re.sub(r"\s+", "", m.group(1))
    joined = ""
    for nxt in following[:3]:
        joined += re.sub(r"\s+", "", nxt)
        if joined == head:
            return True
        if not head.startswith(joined):
            return False
    return False


def _is_body(line: str) -> bool:
    return bool(_BODY_START.match(line)) or (len(line) >= _BODY_MIN and bool(_SENTENCE_PUNCT.search(line)))


def strip_chrome(lines: list[str]) -> list[str]:
    """Drop chrome lines before the first body paragraph and after the last non-footer line.

    Args:
        lines: the page's non-empty paragraphs, one per line.

    Returns:
        The same lines without the page chrome; lines in the body are never touched.
    """
    start = 0
    keep_head: list[str] = []
    while start < len(lines) and not _is_body(lines[start]):
        line = lines[start]
        if not (is_head_chrome(line) or _is_title_bar(line, lines[start + 1 :])):
            keep_head.append(line)
        start += 1

    # The footer: from the bottom up, a run of footer lines and short contact lines. The run is
    # cut at its topmost unmistakable footer line, so contact lines above that (the notice's
    # own) stay, and the site's contact line below it goes.
    end = len(lines)
    cut = end
    while end > start:
        line = lines[end - 1]
        if is_footer(line):
            cut = end - 1
        elif not (_FOOTER_WEAK.match(line) and len(line) <= _WEAK_MAX):
            break
        end -= 1
    return keep_head + lines[start:cut]
