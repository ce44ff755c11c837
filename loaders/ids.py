"""Stable ids: derived from content and position, so the same record always gives the same nodes."""

from __future__ import annotations

import hashlib
import re


def stable_id(prefix: str, *parts: object) -> str:
    """`prefix-` + 16 hex digits of the SHA-1 of the parts (None and '' are distinct from each other)."""
    h = hashlib.sha1("\x1f".join("\x00" if p is None else str(p) for p in parts).encode("utf-8"))
    return f"{prefix}-{h.hexdigest()[:16]}"


_SPACE = re.compile(r"[\s\u3000]+")


def normalise_unit(name: str) -> str:
    """One spelling per unit: no spaces, no leading 中共, 委员会 → 委 (中共东河县委员会 → 东河县委)."""
    n = _SPACE.sub("", name)
    n = n.translate(str.maketrans("（）", "()"))
    n = re.sub(r"^中国共产党", "", n)
    n = re.sub(r"^中共", "", n)
    n = re.sub(r"委员会$", "委", n)
    n = re.sub(r"委员会(党组|党委)$", r"委\1", n)
    return n


def normalise_title(title: str) -> str:
    """A document title as a key: no 《》, no spaces, half-width brackets."""
    t = _SPACE.sub("", title).strip("《》")
    return t.translate(str.maketrans("（）〈〉", "()<>"))
