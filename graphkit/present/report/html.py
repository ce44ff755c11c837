"""The page shell every report page shares, and the few helpers that keep text text.

Every value from the graph reaches a page through ``esc`` (element content and attribute values)
or ``json_block`` (a ``<script type="application/json">`` data block the script reads with
``JSON.parse``; from ``graphkit.present.inline``, as the viz pages have it). The
Content-Security-Policy allows the one inline script by its hash and nothing else: no other
script, no fetch, no image but ``data:``, no font, no form, no frame — so a page can make no
request and markup smuggled in a notice cannot run.
"""

from __future__ import annotations

import html
from typing import Any

from graphkit.present.inline import csp_hash, json_block
from graphkit.present.report.assets import CSS, JS

__all__ = ["CSP", "esc", "json_block", "link", "page", "pct"]


CSP = (
    f"default-src 'none'; script-src {csp_hash(JS)}; style-src 'unsafe-inline'; img-src data:; "
    "font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'"
)


def esc(value: Any) -> str:
    """Text (or None) as HTML, quotes included, safe in content and in quoted attributes."""
    return "" if value is None else html.escape(str(value), quote=True)


def link(href: str, text: Any, cls: str = "") -> str:
    """An ``<a>`` to a page of the report (``href`` is built from slugs, never from text)."""
    c = f' class="{esc(cls)}"' if cls else ""
    return f'<a href="{esc(href)}"{c}>{esc(text)}</a>'


def pct(share: float | None) -> str:
    """A share as a percentage with one decimal, or an en dash."""
    return "–" if share is None else f"{100 * share:.1f}%"


def page(title: str, body: str, root: str = "", data: str = "") -> str:
    """A whole page: head with the CSP, the navigation bar, ``body``, data blocks, the script.

    Args:
        title: the page title (text).
        body: the page's HTML (already escaped).
        root: the relative path to the report's root (``""`` or ``"../"``).
        data: data blocks (``json_block``) the script reads.
    """
    nav = (
        f'<header class="top">{link(root + "index.html", "graphkit 报告 report")}'
        f"{link(root + 'families-1.html', '重复措施族 families')}{link(root + 'units-1.html', '单位 units')}"
        f"{link(root + 'notices-1.html', '通报 notices')}</header>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{nav}\n<main>\n{body}\n</main>\n"
        f"{data}\n<script>{JS}</script>\n</body>\n</html>\n"
    )
