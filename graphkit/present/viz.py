"""Interactive HTML views of the graph: one self-contained, offline page per view.

The page carries vis-network (read from pyvis's package files, inlined), its data as a JSON
block and a small script; nothing is fetched from anywhere. A Content-Security-Policy in the page
allows only these inline scripts (by hash), so no request can leave the machine and no markup that
notice text might smuggle in can run. Notice text is data: it reaches the page only through
``JSON.parse`` and is shown with ``textContent`` (tooltips are DOM elements, labels are drawn on
the canvas), never as HTML.

Views: a unit's neighbourhood, recycled-measure families, any Cypher template's answer.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphkit.errors import QueryError
from graphkit.present.inline import csp_hash, json_block
from graphkit.present.viz_graph import VizGraph, radial_seed, reuse, tree_levels
from graphkit.stores.base import Store

DEFAULT_MAX_NODES = 2000
# How a page lays its graph out: force-directed (any answer), the issue tree left to right
# (`viz unit`), or units joined by the families they share, a family drilled into (`viz recycled`).
VIEWS = ("force", "tree", "reuse")
FAMILY_LIST_MAX = 200  # families listed for drill-down in a reuse page (widest spread first)

# kind → (中文, English, colour, vis shape, glyph for the legend)
STYLES: dict[str, tuple[str, str, str, str, str]] = {
    "Unit": ("单位", "unit", "#d62728", "diamond", "◆"),
    "Notice": ("通报", "notice", "#1f3b73", "hexagon", "⬢"),
    "Inspection": ("巡视巡察", "inspection", "#8c4fb8", "triangleDown", "▼"),
    "Issue": ("问题", "issue", "#f08c00", "triangle", "▲"),
    "Measure": ("整改措施", "measure", "#2b7bd6", "dot", "●"),
    "MeasureTemplate": ("重复措施族", "recycled family", "#e6b800", "star", "★"),
    "Document": ("文件", "document", "#8c5a2b", "square", "■"),
    "Role": ("职责", "role", "#6b8e23", "triangleDown", "▼"),
    "Person": ("人员", "person", "#d63fa8", "dot", "●"),
}
_OTHER = ("其他", "other", "#7f7f7f", "dot", "●")
EDGE_COLOURS = {
    "SIMILAR_TO": "#d62728",
    "INSTANCE_OF": "#c9a100",
    "TOOK": "#2b7bd6",
    "ADDRESSES": "#f08c00",
    "HAS_SUBISSUE": "#f0b060",
    "HAS_ISSUE": "#f0b060",
}
_MAIN_TEXT = {
    "Unit": ("name",),
    "Notice": ("title", "unit_name"),
    "Inspection": ("team", "round"),
    "Issue": ("path", "title"),
    "Measure": ("text",),
    "MeasureTemplate": ("text",),
    "Document": ("title",),
    "Role": ("role", "person"),
    "Person": ("name",),
}
_LONG_PROPS = {"text", "figures", "content_hash", "aliases"}
LABEL_CHARS = 14
SEED_ABOVE = 300  # bigger graphs start from a radial layout computed here
EDGE_LABELS_MAX = 1500  # more links: their type is shown by colour (legend) and tooltip
PROP_CHARS = 400


@dataclass
class Page:
    """A rendered view: the HTML and what it shows (for the CLI's summary and the tests)."""

    html: str
    nodes: int
    edges: int
    left_out_nodes: dict[str, int] = field(default_factory=dict)
    left_out_edges: int = 0
    notes: list[str] = field(default_factory=list)


# -- the views ------------------------------------------------------------------------------------

# The statements of each view (queries/_internal/), run in this order: it is the order nodes and
# links are added to the page.
UNIT_QUERIES = (
    "viz_unit_out",
    "viz_unit_in",
    "viz_unit_notice_links",
    "viz_unit_issue_tree",
    "viz_unit_measure_links",
    "viz_unit_similar_in",
    "viz_unit_similar_units",
    "viz_unit_role_links",
    "viz_unit_role_persons",
)
FAMILY_QUERIES = (
    "viz_family_members",
    "viz_family_measure_units",
    "viz_family_measure_issues",
    "viz_family_similar",
    "viz_family_document_measures",
    "viz_family_document_units",
    "viz_family_notice_units",
)


def _graph(store: Store, queries: tuple[str, ...], params: dict[str, Any]) -> VizGraph:
    """The answers of `queries` (names in queries/_internal/), drawn one after the other."""
    g = VizGraph()
    for name in queries:
        res = store.run_internal(name, params)
        g.add_result(res.columns, res.rows)
    return g


def unit_graph(store: Store, name: str) -> VizGraph:
    """The unit, its notices, inspections, issue trees, measures (with their documents, families
    and near-copies in other units), roles and persons."""
    found = store.run_internal("unit_by_name", {"name": name}).rows
    if not found:
        names = [r[0] for r in store.run_internal("unit_name_list").rows]
        close = [n for n in names if name in n or n in name] or names
        hint = "、".join(close[:10]) + (" …" if len(close) > 10 else "") if close else "none (ingest first)"
        raise QueryError(f"no unit named {name!r}; units: {hint}")
    g = _graph(store, UNIT_QUERIES, {"name": name})
    g.focus = str(found[0][0])
    return g


def families_graph(
    store: Store, *, min_units: int = 1, family: str | None = None, kind: str = "all", scope: str = "all"
) -> VizGraph:
    """Recycled families (MeasureTemplate), their members, the units that took them, the issues
    they answer and the near-copy links between members."""
    params = {"min_units": min_units, "family": family or "", "kind": kind, "scope": scope}
    g = _graph(store, FAMILY_QUERIES, params)
    if not g.nodes:
        if family:
            raise QueryError(f"no family {family!r} (see `graphkit recycled --format json` for ids)")
        raise QueryError("no recycled families match (run `graphkit ingest` or lower --min-units)")
    return g


def result_graph(columns: list[str], rows: list[list[Any]], what: str) -> VizGraph:
    """The nodes, relationships and paths of a query answer; QueryError when it holds none
    (`what` names the query in the message)."""
    g = VizGraph()
    g.add_result(columns, rows)
    if not g.nodes:
        raise QueryError(
            f"{what} returned no nodes, relationships or paths (columns: {', '.join(columns) or 'none'}); "
            "return them whole, e.g. RETURN u, r, m or RETURN p"
        )
    return g


# -- the page -------------------------------------------------------------------------------------


def _short(s: str, n: int = LABEL_CHARS) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _text(v: Any) -> str:
    if isinstance(v, list | tuple):
        return "、".join(str(x) for x in v)
    if isinstance(v, float):
        return f"{v:.3g}"
    return str(v)


def _main_text(label: str, props: dict[str, Any]) -> str:
    parts = [_text(props[k]) for k in _MAIN_TEXT.get(label, ()) if props.get(k) not in (None, "")]
    if label == "MeasureTemplate" and props.get("size") is not None:
        parts.insert(0, f"×{props['size']}")
    if not parts:
        for k in ("name", "title", "text", "id"):
            if props.get(k) not in (None, ""):
                return _text(props[k])
        return label
    return " ".join(parts)


def _tooltip(label: str, props: dict[str, Any], degree: int) -> str:
    zh, *_ = STYLES.get(label, _OTHER)
    lines = [f"{zh} {label}", _main_text(label, props), ""]
    for k, v in props.items():
        if k in _MAIN_TEXT.get(label, ()) and k not in _LONG_PROPS:
            continue
        if label in ("Measure", "MeasureTemplate") and k == "text":
            continue
        t = _text(v)
        lines.append(f"{k}: {t if len(t) <= PROP_CHARS else t[: PROP_CHARS - 1] + '…'}")
    lines.append(f"links: {degree}")
    return "\n".join(lines)


def _vis_js() -> str:
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib"
    candidates = sorted(lib.glob("vis-*/vis-network.min.js"))
    if not candidates:
        raise QueryError(f"vis-network not found under {lib} (is pyvis installed?)")
    js = candidates[-1].read_text(encoding="utf-8")
    # no source map: a browser's developer tools would otherwise try to fetch it
    return re.sub(r"(?m)^//# sourceMappingURL=\S*\s*$", "", js)


def physics_options(n: int) -> dict[str, Any]:
    """vis-network physics for `n` nodes: fewer stabilisation iterations and weaker repulsion as it grows."""
    iterations = 400 if n <= 200 else 150 if n <= 800 else 40
    return {
        "solver": "barnesHut",
        "barnesHut": {
            "gravitationalConstant": -7000 if n <= 300 else -2500,
            "centralGravity": 0.35,
            "springLength": 130 if n <= 300 else 95,
            "springConstant": 0.05,
            "damping": 0.35,
            "avoidOverlap": 0.15,
        },
        "maxVelocity": 60,
        "minVelocity": 1.5,
        "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 25, "fit": True},
    }


def render(
    graph: VizGraph,
    title: str,
    *,
    subtitle: str = "",
    max_nodes: int = DEFAULT_MAX_NODES,
    view: str = "force",
) -> Page:
    """The self-contained page for `graph` (at most `max_nodes` nodes, the most connected),
    laid out as `view` says (see `VIEWS`)."""
    if view not in VIEWS:
        raise QueryError(f"unknown view {view!r}: choose {', '.join(VIEWS)}")
    total_nodes, total_edges = len(graph.nodes), len(graph.edges)
    shown, left_nodes, left_edges = graph.cap(max_nodes)
    deg = shown.degrees()
    index = {k: i for i, k in enumerate(shown.nodes)}
    seed = radial_seed(shown) if len(shown.nodes) > SEED_ABOVE and view == "force" else {}
    levels = tree_levels(shown) if view == "tree" else {}
    nodes = []
    counts: dict[str, int] = {}
    for k, n in shown.nodes.items():
        counts[n.label] = counts.get(n.label, 0) + 1
        d = deg.get(k, 0)
        size = min(42.0, 9 + 4.5 * math.sqrt(d)) * (1.35 if n.label in ("Unit", "MeasureTemplate") else 1)
        nodes.append(
            {
                "id": index[k],
                "g": n.label,
                "l": _short(_main_text(n.label, n.props)),
                "t": _tooltip(n.label, n.props, d),
                "s": round(size, 1),
                **({"x": seed[k][0], "y": seed[k][1]} if k in seed else {}),
                **({"lv": levels[k]} if k in levels else {}),
            }
        )
    edges = []
    etypes: dict[str, int] = {}
    for e in shown.edges.values():
        etypes[e.type] = etypes.get(e.type, 0) + 1
        tip = e.type + "".join(f"\n{k}: {_text(v)[:PROP_CHARS]}" for k, v in e.props.items() if k != "text")
        edges.append({"f": index[e.src], "t": index[e.dst], "y": e.type, "tt": tip})
    legend = [
        {"kind": lab, "zh": st[0], "en": st[1], "color": st[2], "glyph": st[4], "n": counts[lab]}
        for lab, st in [(lab, STYLES.get(lab, _OTHER)) for lab in [*STYLES, *sorted(counts)]]
        if lab in counts
    ]
    legend = list({x["kind"]: x for x in legend}.values())
    overview: dict[str, Any] = {}
    if view == "reuse":
        overview = _reuse_overview(shown, index, nodes, edges)
    notes = [f"{len(nodes)} nodes, {len(edges)} links"]
    if overview:
        notes = [
            f"{len(overview['nodes'])} units joined by the {len(overview['families'])} families they share "
            "(a link's number: how many); click a unit or a link for its families, a family for its members"
        ]
    if left_nodes:
        lost = ", ".join(f"{v} {STYLES.get(k, _OTHER)[1]}" for k, v in sorted(left_nodes.items()))
        notes.append(
            f"showing the {len(nodes)} most connected of {total_nodes} nodes (--max-nodes {max_nodes}); "
            f"left out {sum(left_nodes.values())} nodes ({lost}) and {left_edges} of {total_edges} links"
        )
    if len(edges) > EDGE_LABELS_MAX:
        notes.append(
            f"over {EDGE_LABELS_MAX} links: link types by colour (legend) and tooltip, not as labels"
        )
    if graph.dangling:
        notes.append(f"{graph.dangling} relationships without both ends in the answer are not drawn")
    styles = {k: {"color": v[2], "shape": v[3]} for k, v in STYLES.items()}
    data: dict[str, Any] = {
        "mode": view,
        "title": title,
        "subtitle": subtitle,
        "notes": notes,
        "legend": legend,
        "edgeTypes": [
            {"type": t, "n": c, "color": EDGE_COLOURS.get(t, "#9a9a9a")} for t, c in etypes.items()
        ],
        "styles": styles,
        "other": {"color": _OTHER[2], "shape": _OTHER[3]},
        "edgeColours": EDGE_COLOURS,
        "physics": physics_options(len(nodes)),
        "edgeLabels": len(edges) <= EDGE_LABELS_MAX,
        "nodes": nodes,
        "edges": edges,
    }
    if overview:  # the units network is what the page opens on; the graph is its drill-down
        data.update(
            nodes=overview["nodes"], edges=overview["edges"], families=overview["families"],
            full={"nodes": nodes, "edges": edges},
            physics=physics_options(len(overview["nodes"])),
        )  # fmt: skip
        data["legend"] = [x for x in legend if x["kind"] == "Unit"]
        data["edgeTypes"] = [{"type": "shared families", "n": len(overview["edges"]), "color": SHARED_COLOUR}]
        data["sharedColour"] = SHARED_COLOUR
    vis = _vis_js()
    # put together piece by piece: no text from the graph is ever searched for a placeholder
    page = "".join(
        [
            _HEAD.format(title=html.escape(title), csp=f"{csp_hash(vis)} {csp_hash(_APP_JS)}", css=_CSS),
            json_block("gk-data", data),
            "\n<script>",
            vis,  # byte for byte what the CSP hash covers
            "</script>\n<script>",
            _APP_JS,
            "</script>\n</body>\n</html>\n",
        ]
    )
    if overview:
        return Page(page, len(overview["nodes"]), len(overview["edges"]), left_nodes, left_edges, notes)
    return Page(page, len(nodes), len(edges), left_nodes, left_edges, notes)


SHARED_COLOUR = EDGE_COLOURS["INSTANCE_OF"]  # a link of units that share families: their families' colour


def _reuse_overview(
    shown: VizGraph, index: dict[str, int], nodes: list[dict[str, Any]], edges: list[dict[str, Any]]
) -> dict[str, Any]:
    """The units network of a families graph: a node per unit, a link per pair of units with the
    number of families both use; families listed (widest first) with the nodes of their
    drill-down (indices into the page's full graph `nodes`)."""
    r = reuse(shown)
    order = sorted(r.families, key=lambda t: (-len(r.families[t]), -len(r.members[t]), t))[:FAMILY_LIST_MAX]
    fam_index = {t: k for k, t in enumerate(order)}
    units = sorted(
        {u for t in order for u in r.families[t]}, key=lambda u: shown.nodes[u].props.get("name", u)
    )
    unit_index = {u: k for k, u in enumerate(units)}
    unit_fams: dict[str, list[int]] = {u: [] for u in units}
    families = []
    for k, t in enumerate(order):
        props = shown.nodes[t].props
        for u in r.families[t]:
            unit_fams[u].append(k)
        text = _short(str(props.get("text", "")), 40)
        families.append(
            {
                "id": str(props.get("id", t)),
                "label": f"★ ×{props.get('size', '?')} · {len(r.families[t])} units · {text}",
                "units": [unit_index[u] for u in r.families[t]],
                "nodes": [index[x] for x in r.members[t] if x in index],
            }
        )
    out_nodes = []
    for u in units:
        name = str(shown.nodes[u].props.get("name", u))
        n = len(unit_fams[u])
        out_nodes.append(
            {"id": unit_index[u], "g": "Unit", "l": name, "t": f"单位 unit {name}\nfamilies: {n}",
             "s": round(min(40.0, 10 + 4 * math.sqrt(n)), 1), "fams": unit_fams[u]}
        )  # fmt: skip
    out_edges = []
    for (a, b), ts in sorted(r.pairs.items()):
        ks = [fam_index[t] for t in ts if t in fam_index]
        if ks:
            names = [str(shown.nodes[x].props.get("name", x)) for x in (a, b)]
            out_edges.append(
                {"f": unit_index[a], "t": unit_index[b], "y": "SHARED", "w": len(ks), "fams": ks,
                 "tt": f"{names[0]} — {names[1]}\nshared families: {len(ks)}"}
            )  # fmt: skip
    return {"nodes": out_nodes, "edges": out_edges, "families": families}


_CSS = """
html,body{margin:0;height:100%;font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;background:#fbfbf8}
#net{position:absolute;inset:0}
#panel{position:absolute;top:8px;left:8px;max-width:340px;background:rgba(255,255,255,.93);
  border:1px solid #ccc;border-radius:6px;padding:8px 10px;font-size:13px;z-index:10}
#panel h1{font-size:15px;margin:0 0 2px}
#sub{color:#555;margin-bottom:4px}
.note{color:#333;margin:2px 0}.note.warn{color:#a40000;font-weight:bold}
.lg{display:flex;align-items:center;gap:6px;margin:1px 0}.glyph{width:16px;text-align:center;font-size:15px}
.eg{display:inline-block;width:16px;height:3px;vertical-align:middle}
#panel button{font-size:12px;margin:4px 4px 0 0}
.fam{cursor:pointer;padding:3px 2px;border-bottom:1px solid #eee;white-space:normal}.fam:hover{background:#fff3c4}
.famhead{font-weight:bold;margin-bottom:4px;white-space:normal}
#details{position:absolute;top:8px;right:8px;width:320px;max-height:70vh;overflow:auto;display:none;
  background:rgba(255,255,255,.96);border:1px solid #ccc;border-radius:6px;padding:8px 10px;font-size:13px;
  white-space:pre-wrap;z-index:10}
div.vis-tooltip{position:absolute;visibility:hidden;padding:6px;white-space:pre-wrap;max-width:420px;
  font-size:13px;background:#fffef4;border:1px solid #888;border-radius:3px;box-shadow:2px 2px 8px rgba(0,0,0,.2);
  pointer-events:none;z-index:20}
"""

_APP_JS = r"""
(function () {
  "use strict";
  var V = window.__viz = {ready: false, t0: performance.now(), readyMs: null, clicked: null};
  var D = JSON.parse(document.getElementById("gk-data").textContent);
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  // the panel: title, notes, legend (all text, never markup)
  var panel = document.getElementById("panel");
  panel.appendChild(el("h1", "", D.title));
  if (D.subtitle) panel.appendChild(el("div", "", D.subtitle)).id = "sub";
  D.notes.forEach(function (n, i) { panel.appendChild(el("div", i ? "note warn" : "note", n)); });
  D.legend.forEach(function (x) {
    var row = el("div", "lg");
    var g = el("span", "glyph", x.glyph); g.style.color = x.color;
    row.appendChild(g); row.appendChild(el("span", "", x.zh + " " + x.en + " (" + x.n + ")"));
    panel.appendChild(row);
  });
  D.edgeTypes.forEach(function (x) {
    var row = el("div", "lg"); var s = el("span", "eg"); s.style.background = x.color;
    row.appendChild(s); row.appendChild(el("span", "", x.type + " (" + x.n + ")"));
    panel.appendChild(row);
  });
  var bPhys = el("button", "", "physics on"), bFit = el("button", "", "fit");
  panel.appendChild(bPhys); panel.appendChild(bFit);
  var details = document.getElementById("details");

  function tip(text) { var d = el("div", "", text); d.style.whiteSpace = "pre-wrap"; return d; }
  var mode = D.mode || "force";
  function mkNode(n) {
    var st = D.styles[n.g] || D.other;
    var node = {id: n.id, x: n.x, y: n.y, label: n.l, title: tip(n.t), group: n.g, shape: st.shape, size: n.s,
                color: {background: st.color, border: "#333", highlight: {background: st.color, border: "#000"}}};
    if (n.lv !== undefined) node.level = n.lv;
    return node;
  }
  function mkEdge(e, i) {
    var c = D.edgeColours[e.y] || "#9a9a9a";
    if (e.w) {  // a link of the reuse network: how many families two units share
      return {id: i, from: e.f, to: e.t, label: String(e.w), title: tip(e.tt), width: 1 + 2 * Math.sqrt(e.w),
              color: {color: D.sharedColour, opacity: 0.8}, font: {size: 13, color: "#333"}};
    }
    return {id: i, from: e.f, to: e.t, label: D.edgeLabels ? e.y : undefined, title: tip(e.tt),
            color: {color: c, opacity: 0.75}, dashes: e.y === "SIMILAR_TO", arrows: {to: {enabled: true, scaleFactor: 0.5}}};
  }
  var nodes = new vis.DataSet(D.nodes.map(mkNode));
  var edges = new vis.DataSet(D.edges.map(mkEdge));
  var big = D.nodes.length > 600;
  var options = {
    physics: D.physics,
    layout: {improvedLayout: D.nodes.length <= 150, randomSeed: 7},
    interaction: {hover: true, tooltipDelay: 120, hideEdgesOnDrag: big, hideEdgesOnZoom: big},
    nodes: {font: {size: 12, face: "Noto Sans CJK SC, sans-serif", strokeWidth: 3, strokeColor: "#ffffff"},
            borderWidth: 1},
    edges: {width: 1, smooth: false, font: {size: 9, color: "#555", strokeWidth: 2, align: "middle"},
            selectionWidth: 2}
  };
  if (mode === "tree") {  // the issue tree, left to right: no physics, nothing moves
    options.physics = false;
    options.layout = {hierarchical: {enabled: true, direction: "LR", sortMethod: "directed", levelSeparation: 240,
                                     nodeSpacing: 24, treeSpacing: 40, blockShifting: true, edgeMinimization: false,
                                     parentCentralization: true, shakeTowards: "roots"}};
    options.edges.smooth = {enabled: true, type: "cubicBezier", forceDirection: "horizontal", roundness: 0.45};
  }
  var network = new vis.Network(document.getElementById("net"), {nodes: nodes, edges: edges}, options);
  V.network = network; V.nodes = nodes; V.edges = edges; V.mode = mode; V.createdMs = performance.now() - V.t0;
  function ready() {
    if (V.ready) return;
    network.setOptions({physics: false});
    V.ready = true; V.readyMs = performance.now() - V.t0;
    document.body.setAttribute("data-ready", "1");
  }
  if (mode === "tree" || !D.nodes.length) {
    network.once("afterDrawing", ready);
    if (!D.nodes.length) ready();
  } else {
    network.once("stabilizationIterationsDone", ready);
    network.once("stabilized", ready);
  }
  var physicsOn = false;
  bPhys.onclick = function () { physicsOn = !physicsOn; network.setOptions({physics: physicsOn ? {enabled: true, stabilization: false} : false}); bPhys.textContent = physicsOn ? "physics off" : "physics on"; };
  bFit.onclick = function () { network.fit(); };
  // the reuse network: a unit or a link lists its families; a family opens its members
  var bBack = el("button", "", "← units"); bBack.style.display = "none"; panel.appendChild(bBack);
  var overview = null;
  function showFamilies(title, ks) {
    details.textContent = "";
    details.appendChild(el("div", "famhead", title));
    ks.forEach(function (k) {
      var d = el("div", "fam", D.families[k].label);
      d.setAttribute("data-family", D.families[k].id);
      d.addEventListener("click", function () { drill(k); });
      details.appendChild(d);
    });
    details.style.display = "block";
  }
  function drill(k) {
    var f = D.families[k];
    if (overview === null) overview = network.getPositions();
    V.ready = false; document.body.removeAttribute("data-ready");
    var keep = {}; f.nodes.forEach(function (i) { keep[i] = true; });
    nodes.clear(); edges.clear();
    nodes.add(f.nodes.map(function (i) { return mkNode(D.full.nodes[i]); }));
    var es = [];
    D.full.edges.forEach(function (e, i) { if (keep[e.f] && keep[e.t]) es.push(mkEdge(e, i)); });
    edges.add(es);
    V.drilled = f.id; bBack.style.display = "inline";
    network.setOptions({physics: D.physics});
    network.once("stabilized", function () { ready(); network.fit(); document.body.setAttribute("data-drilled", f.id); });
    network.stabilize(200);
  }
  bBack.onclick = function () {
    nodes.clear(); edges.clear();
    nodes.add(D.nodes.map(function (n) { var m = mkNode(n); var p = overview && overview[n.id]; if (p) { m.x = p.x; m.y = p.y; } return m; }));
    edges.add(D.edges.map(mkEdge));
    V.drilled = null; bBack.style.display = "none"; details.style.display = "none";
    document.body.removeAttribute("data-drilled"); network.fit();
  };
  network.on("click", function (p) {
    V.clicked = p.nodes.length ? p.nodes[0] : null;
    if (mode === "reuse" && !V.drilled) {
      if (p.nodes.length) { var u = D.nodes[p.nodes[0]]; showFamilies(u.l + ": " + u.fams.length + " families", u.fams); return; }
      if (p.edges.length) { var e = D.edges[p.edges[0]]; showFamilies(D.nodes[e.f].l + " — " + D.nodes[e.t].l + ": " + e.fams.length + " shared families", e.fams); return; }
    }
    if (!p.nodes.length) { details.style.display = "none"; return; }
    var n = (V.drilled ? D.full.nodes : D.nodes)[p.nodes[0]];
    details.textContent = n.t;
    details.style.display = "block";
  });
  V.drill = function (id) { for (var k = 0; k < (D.families || []).length; k++) { if (D.families[k].id === id) { drill(k); return true; } } return false; };
})();
"""

_HEAD = """<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src {csp}; \
style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; base-uri 'none'; \
form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<div id="net"></div>
<div id="panel"></div>
<div id="details"></div>
"""
