"""Walked rows → GraphML, streamed: the property graph as it is stored, for networkx, Gephi, yEd.

The `<key>`s (one per property name and type, from schema/graph.yaml) are declared up front, then
`<node>`/`<edge>` elements are written as the walk reads them. Node ids are `label/id`; a node's
labels are in the `labels` key as `:Label`, an edge's type in `label` (the convention of Neo4j's
GraphML export).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import IO, TYPE_CHECKING, Any

from graphkit.present.export.walk import NodeRow, Row

if TYPE_CHECKING:
    from graphkit.schema import GraphSchema

_GRAPHML_TYPES = {
    "string": "string",
    "int": "long",
    "float": "double",
    "bool": "boolean",
    "string[]": "string",
}
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(v: Any, typ: str, xml_escape: Callable[[str], str]) -> str:
    if typ == "string[]":
        v = json.dumps(v, ensure_ascii=False)
    elif typ == "bool":
        v = "true" if v else "false"
    # XML 1.0 cannot carry these control characters at all: they are replaced by U+FFFD
    return xml_escape(_XML_BAD.sub("\ufffd", str(v)))


def write_graphml(schema: GraphSchema, rows: Iterable[Row], out: IO[str]) -> int:
    """GraphML of the walked `rows`, keys from `schema`; returns the number of nodes + edges."""
    # imported here: xml.sax.saxutils brings urllib.request, which `graphkit` need not load to start
    from xml.sax.saxutils import escape as xml_escape
    from xml.sax.saxutils import quoteattr

    node_keys: dict[tuple[str, str], tuple[str, str]] = {}  # (label, prop) → (key id, type)
    by_name: dict[str, set[str]] = {}
    for node in schema.nodes.values():
        for prop, typ in node.properties.items():
            by_name.setdefault(prop, set()).add(typ)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    )
    out.write('  <key id="labels" for="node" attr.name="labels" attr.type="string"/>\n')
    declared: set[str] = set()
    for label, node in schema.nodes.items():
        for prop, typ in node.properties.items():
            kid = f"n.{prop}" if len(by_name[prop]) == 1 else f"n.{label}.{prop}"
            node_keys[(label, prop)] = (kid, typ)
            if kid not in declared:
                declared.add(kid)
                out.write(
                    f'  <key id={quoteattr(kid)} for="node" attr.name={quoteattr(prop)} '
                    f'attr.type="{_GRAPHML_TYPES[typ]}"/>\n'
                )
    out.write('  <key id="label" for="edge" attr.name="label" attr.type="string"/>\n')
    edge_keys: set[str] = set()
    for e in schema.edges.values():
        for prop, typ in e.properties.items():
            kid = f"e.{prop}"
            if kid not in edge_keys:
                edge_keys.add(kid)
                out.write(
                    f'  <key id={quoteattr(kid)} for="edge" attr.name={quoteattr(prop)} '
                    f'attr.type="{_GRAPHML_TYPES[typ]}"/>\n'
                )
    out.write('  <graph id="graphkit" edgedefault="directed">\n')
    n = 0
    for row in rows:
        if isinstance(row, NodeRow):
            nid = f"{row.label.lower()}/{row.props['id']}"
            out.write(f"    <node id={quoteattr(nid)}>\n")
            out.write(f'      <data key="labels">:{xml_escape(row.label)}</data>\n')
            for prop, v in row.props.items():
                if v is None:
                    continue
                kid, typ = node_keys[(row.label, prop)]
                out.write(f"      <data key={quoteattr(kid)}>{_xml_text(v, typ, xml_escape)}</data>\n")
            out.write("    </node>\n")
        else:
            src = f"{row.src_label.lower()}/{row.src}"
            dst = f"{row.dst_label.lower()}/{row.dst}"
            out.write(f"    <edge source={quoteattr(src)} target={quoteattr(dst)}>\n")
            out.write(f'      <data key="label">{row.type}</data>\n')
            for prop, typ in schema.edges[row.type].properties.items():
                v = row.props.get(prop)
                if v is not None:
                    out.write(
                        f"      <data key={quoteattr('e.' + prop)}>{_xml_text(v, typ, xml_escape)}</data>\n"
                    )
            out.write("    </edge>\n")
        n += 1
    out.write("  </graph>\n</graphml>\n")
    return n
