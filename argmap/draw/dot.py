"""Serialising a `Diagram` to DOT text, byte for byte the same for the same diagram.

All user text reaches Graphviz through here. In quoted strings, double quotes
are escaped, line breaks become `\\n`, backslashes are escaped for both of
Graphviz's unescaping passes and ampersands become entities, so text can never
end the string early or be read as Graphviz's own escapes (`\\N`, `\\G`, `\\l`).
HTML-like labels are built from escaped text by the diagram module and are
written between angle brackets.
"""

from __future__ import annotations

import re

from .diagram import Attributes, Cluster, Diagram, DiagramEdge, DiagramNode
from .style import HtmlLabel

# Control characters other than tab and line breaks; Graphviz rejects or mangles them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


MAX_STRING_BYTES = 16_000
"""Graphviz's scanner rejects a quoted or HTML string longer than 16,384 bytes ("longer than
16384?"); every string argmap writes stays within this, a margin below."""


def _escaped(text: str) -> str:
    # Graphviz unescapes a quoted string twice (the parser, then the `\N`, `\G`, `\L`
    # placeholders), so one literal backslash takes four; and it decodes entities,
    # so `&` must be one too or a user's `&amp;` would come out as `&`.
    cleaned = _CONTROL.sub("", text).replace("&", "&amp;").replace("\\", "\\\\\\\\").replace('"', '\\"')
    return cleaned.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _fits(escaped: str) -> bool:
    return len(escaped) * 4 <= MAX_STRING_BYTES or len(escaped.encode("utf-8")) <= MAX_STRING_BYTES


def quote(text: str) -> str:
    """`text` as a DOT quoted string; text too long for Graphviz is shortened with an ellipsis
    (a tooltip of a very long quote: the full text stays in the map)."""
    cleaned = _escaped(text)
    if not _fits(cleaned):
        # The longest prefix whose escaped form fits, found by bisection (escapes vary in length).
        low, high = 0, len(text)
        while low < high:
            middle = (low + high + 1) // 2
            if _fits(_escaped(text[:middle] + "\u2026")):
                low = middle
            else:
                high = middle - 1
        cleaned = _escaped(text[:low] + "\u2026")
    return f'"{cleaned}"'


def _value(text: str) -> str:
    if isinstance(text, HtmlLabel):
        # Built from shortened text (see `style`), so it is far below Graphviz's limit.
        return _CONTROL.sub("", text)
    return quote(text)


def _attribute_list(attributes: Attributes) -> str:
    if not attributes:
        return ""
    return " [" + ", ".join(f"{key}={_value(value)}" for key, value in attributes) + "]"


def _node(node: DiagramNode, indent: str) -> str:
    return f"{indent}{quote(node.name)}{_attribute_list(node.attributes)};"


def _edge(edge: DiagramEdge, indent: str) -> str:
    return f"{indent}{quote(edge.tail)} -> {quote(edge.head)}{_attribute_list(edge.attributes)};"


def _cluster(cluster: Cluster) -> list[str]:
    lines = [f"  subgraph {quote(cluster.name)} {{"]
    lines += [f"    {key}={_value(value)};" for key, value in cluster.attributes]
    lines += [_node(node, "    ") for node in cluster.nodes]
    lines += [_edge(edge, "    ") for edge in cluster.edges]
    lines.append("  }")
    return lines


def to_dot(diagram: Diagram, name: str = "argmap") -> str:
    lines = [f"digraph {quote(name)} {{"]
    lines += [f"  {key}={_value(value)};" for key, value in diagram.graph_attributes]
    lines.append(f"  node{_attribute_list(diagram.node_defaults)};")
    lines.append(f"  edge{_attribute_list(diagram.edge_defaults)};")
    for cluster in diagram.clusters:
        lines += _cluster(cluster)
    lines += [_node(node, "  ") for node in diagram.nodes]
    lines += [_edge(edge, "  ") for edge in diagram.edges]
    lines.append("}")
    return "\n".join(lines) + "\n"
