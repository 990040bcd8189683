"""GraphML for graph tools (networkx, yEd, Gephi, Cytoscape): every node and relation with its kind and weight.

One GraphML node per argmap node (the question, elements, claims, evidence,
rebuttals) with `kind`, `text` and, where the map has them, `by`, `source` and
`locator`; one directed edge per relation, from the reason to what it bears on,
with `relation` (support, rebut, undermine, undercut) and `weight` when the map
gives one. GraphML edges join nodes, so an undercut, which attacks an inference,
points at the inference's conclusion and names the inference's other end in
`link_from`. The file validates against the GraphML 1.0 schema.
"""

from __future__ import annotations

import re

from argmap.graph import ArgumentGraph

from . import ExportOptions

SUMMARY = "GraphML for graph tools: nodes and relations with kinds and weights (docs/graphml.md)"
SUFFIXES = (".graphml",)
OPTIONS: frozenset[str] = frozenset()

NAMESPACE = "http://graphml.graphdrawing.org/xmlns"
_NODE_KEYS = (("kind", "string"), ("text", "string"), ("by", "string"), ("source", "string"),
              ("locator", "string"))
_EDGE_KEYS = (("relation", "string"), ("weight", "double"), ("link_from", "string"))
# XML 1.0 cannot hold these characters at all, not even as character references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\t": "&#9;", "\n": "&#10;"}
_SPECIAL = re.compile('[&<>"\r\t\n]')


def escape(text: str) -> str:
    """Text for an attribute or element: markup escaped; CR, tab and LF as references so that a
    parser's whitespace normalisation gives them back; characters XML forbids become U+FFFD."""
    return _SPECIAL.sub(lambda m: _ESCAPES[m.group()], _NOT_XML.sub("\ufffd", text))


def dump(graph: ArgumentGraph, options: ExportOptions) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<graphml xmlns="{NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{NAMESPACE} {NAMESPACE}/1.0/graphml.xsd">',
    ]
    for target, keys in (("node", _NODE_KEYS), ("edge", _EDGE_KEYS)):
        for name, kind in keys:
            lines.append(f'  <key id="{name}" for="{target}" attr.name="{name}" attr.type="{kind}"/>')
    lines.append(f'  <graph id="{escape(graph.question.id)}" edgedefault="directed">')
    for node in graph.nodes.values():
        lines.append(f'    <node id="{escape(node.id)}">')
        values = (("kind", node.kind.value), ("text", node.text), ("by", node.by), ("source", node.source),
                  ("locator", node.locator))
        lines += [f'      <data key="{key}">{escape(value)}</data>' for key, value in values if value is not None]
        lines.append("    </node>")
    number = 0
    for support in graph.supports:
        number += 1
        lines += _edge(number, support.source, support.target, "support", support.weight)
    for attack in graph.attacks:
        number += 1
        link_from: str | None = None
        attacked = attack.target
        if attack.link is not None:
            link_from, attacked = attack.link
        assert attacked is not None
        lines += _edge(number, attack.source, attacked, attack.kind.value, attack.weight, link_from)
    lines += ["  </graph>", "</graphml>"]
    return "\n".join(lines) + "\n"


def _edge(number: int, source: str, target: str, relation: str, weight: float | None,
          link_from: str | None = None) -> list[str]:
    lines = [f'    <edge id="e{number}" source="{escape(source)}" target="{escape(target)}">',
             f'      <data key="relation">{relation}</data>']
    if weight is not None:
        lines.append(f'      <data key="weight">{weight!r}</data>')
    if link_from is not None:
        lines.append(f'      <data key="link_from">{escape(link_from)}</data>')
    lines.append("    </edge>")
    return lines
