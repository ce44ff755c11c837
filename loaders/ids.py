"""Stable ids: derived from content and position, so the same record always gives the same nodes."""

from __future__ import annotations

import hashlib
import re


def stable_id(prefix: str, *parts: object) -> str:
    """`prefix-` + 16 hex digits of the SHA-1 of the parts (None and '' are distinct from each other)."""
    h = hashlib.sha1("\x1f".join(["\x00" if p is None else str(p) for p in parts]).encode("utf-8"))
    return f"{prefix}-{h.hexdigest()[:16]}"


_SPACE = re.compile(r"[\s\u3000]+")
_PARENS = str.maketrans("（）", "()")
_BRACKETS = str.maketrans("（）〈〉", "()<>")
_CPC = re.compile(r"^中国共产党")
_CPC_SHORT = re.compile(r"^中共")
_COMMITTEE_TWICE = re.compile(r"委员会委员会$")
_TERRITORIAL = re.compile(r"([省市县区旗州盟])委员会$")


def normalise_unit(name: str) -> str:
    """One spelling per unit: no spaces, no leading 中共, and a territorial party committee in
    its short form (中共东河县委员会 → 东河县委). A department's committee keeps its name
    (应急管理厅委员会 is not a 厅委); 城市管理委员会委员会 is the 城市管理委员会党委."""
    n = _SPACE.sub("", name)
    n = n.translate(_PARENS)
    n = _CPC.sub("", n)
    n = _CPC_SHORT.sub("", n)
    n = _COMMITTEE_TWICE.sub("委员会党委", n)
    n = _TERRITORIAL.sub(r"\1委", n)
    return n


def document_key(title: str) -> str:
    """A document title as a key: no 《》, no spaces, half-width brackets."""
    t = _SPACE.sub("", title).strip("《》")
    return t.translate(_BRACKETS)
