"""What keeps a self-contained page safe: the hash its CSP allows an inline script by, and JSON
data blocks no text can break out of. Shared by the viz pages (``graphkit.present.viz``) and the
report (``graphkit.present.report.html``).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from typing import Any

__all__ = ["csp_hash", "json_block", "script_json"]

# Characters that could end a <script> element or be read as markup inside it (<, >, &), and the
# two line separators older JavaScript parsers took for line ends.
_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)
# A lone surrogate (text decoded with surrogateescape) has no UTF-8 form: kept as a JSON escape.
_SURROGATE = re.compile("[\ud800-\udfff]")


def csp_hash(script: str) -> str:
    """The CSP source (``'sha256-…'``) that allows exactly this inline script, byte for byte."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def script_json(data: Any) -> str:
    """``data`` as compact JSON that cannot close the ``<script>`` block it sits in nor be read
    as markup: ``<``, ``>``, ``&`` and U+2028/9 escaped (``JSON.parse`` gives the same data)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for a, b in _ESCAPES:
        text = text.replace(a, b)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def json_block(element_id: str, data: Any) -> str:
    """A ``<script type="application/json">`` data block holding ``script_json(data)``, which a
    page's script reads with ``JSON.parse(element.textContent)``."""
    return f'<script type="application/json" id="{html.escape(element_id, quote=True)}">{script_json(data)}</script>'
