"""The one helper behind every self-contained page's safety (viz pages and the report): the CSP
hash of an inline script, and JSON data blocks no text can break out of."""

from __future__ import annotations

import base64
import hashlib
import json
import re

from graphkit.present import viz
from graphkit.present.inline import csp_hash, json_block, script_json
from graphkit.present.report import html as report_html
from graphkit.present.report.assets import JS
from graphkit.present.viz_graph import VizGraph
from graphkit.stores.values import GraphNode

HOSTILE = '</script><img src=x onerror="window.__pwned=1">&\u2028\u2029中文\ud800'


def test_script_json_cannot_end_its_block_and_parses_back() -> None:
    text = script_json({"t": HOSTILE})
    assert not re.search(r"[<>&\u2028\u2029]", text)
    text.encode("utf-8")  # a lone surrogate is escaped, so the page can be written
    assert json.loads(text) == {"t": HOSTILE}
    assert "中文" in text  # CJK as itself, not six bytes of escape per character
    block = json_block('a"b', [1])
    assert block == '<script type="application/json" id="a&quot;b">[1]</script>'


def test_csp_hash_is_the_scripts_sha256() -> None:
    digest = base64.b64encode(hashlib.sha256(JS.encode("utf-8")).digest()).decode()
    assert csp_hash(JS) == f"'sha256-{digest}'"
    assert csp_hash(JS) in report_html.CSP


def test_viz_and_report_use_the_one_helper() -> None:
    assert report_html.json_block is json_block
    g = VizGraph()
    g.add_result(["u"], [[GraphNode("Unit", "u-1", {"id": "u-1", "name": HOSTILE})]])
    page = viz.render(g, "t").html
    block = page.split('id="gk-data">', 1)[1].split("</script>", 1)[0]
    assert block == script_json(json.loads(block))
