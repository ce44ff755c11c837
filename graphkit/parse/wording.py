"""The words that tell a stated problem from a reported action, in one place.

A problem states a shortcoming (不够, 不到位, 差距, 短板 …) or ends in 问题; an action opens with
what was done (制定, 召开, 建立 …). Headings, paragraphs and enumerated items are all read
with these lists.
"""

from __future__ import annotations

import re

# shortcoming wording: what a stated problem says
SHORTFALL_RE = re.compile(
    r"不够|不到位|不力|不足|不严|不实|未完成|没有|缺乏|薄弱|差距|滞后|仍有|仍然|依然"
    r"|不全面|不完整|不规范|不健全|不完善|不及时|不明显|不平衡|不均衡|不彻底|不畅通|不强|不高|不深"
    r"|缺少|欠缺|偏少|偏低|偏弱|偏大|短板|弱化|漏洞|隐患|流于形式|过重|缓慢|宽松软"
)
# verbs of an action taken; the strong set also counts 整改, the wider one softer verbs
_ACTIONS = (
    r"报送|制定|印发|出台|召开|下发|成立|修订|签订|举办|约谈|建立|组建|开展了|组织了|完成了|推动|督促|责令"
)
STRONG_ACTION_RE = re.compile(_ACTIONS + r"|整改")
ACTION_VERB_RE = re.compile(_ACTIONS + r"|研究|部署|落实了|加强|强化|健全|完善|规范")
# verbs that act on a problem inside one sentence (现场协调解决……困难问题)
_ACTION_ON_PROBLEM_RE = re.compile(r"解决|破解|疏解|协调|处理|化解|以来")
_PROBLEM_END_RE = re.compile(r"(?:方面)?(?:存在的?)?问题$|方面$")


def states_shortcoming(sentence: str) -> bool:
    """A sentence that states a problem: it ends in 问题 (or names a 方面) or uses shortcoming
    wording, and does not open with, or carry, an action."""
    s = sentence.strip(" ,，。;；:：")
    if not s:
        return False
    if _ACTION_ON_PROBLEM_RE.search(s) or ACTION_VERB_RE.match(s) or STRONG_ACTION_RE.match(s):
        return False
    return bool(_PROBLEM_END_RE.search(s) or SHORTFALL_RE.search(s))


def reports_action(sentence: str) -> bool:
    """A sentence that reports what was done: it opens with an action verb, or carries one and
    no shortcoming wording (对……开展专项排查,督促收回……)."""
    s = sentence.strip(" ,，。;；:：")
    if ACTION_VERB_RE.match(s) or STRONG_ACTION_RE.match(s):
        return True
    return bool((ACTION_VERB_RE.search(s) or STRONG_ACTION_RE.search(s)) and not SHORTFALL_RE.search(s))
