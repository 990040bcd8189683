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
# Everything `_escaped` changes: control characters, line breaks, `&`, backslashes and quotes.
_SPECIAL = re.compile(r'[\x00-\x1f\x7f&\\"]')


MAX_STRING_BYTES = 16_000
"""Graphviz's scanner rejects a quoted or HTML string longer than 16,384 bytes ("longer than
16384?"); every string argmap writes stays within this, a margin below."""


def _escaped(text: str) -> str:
    # Graphviz unescapes a quoted string twice (the parser, then the `\N`, `\G`, `\L`
    # placeholders), so one literal backslash takes four; and it decodes entities,
    # so `&` must be one too or a user's `&amp;` would come out as `&`.
    if _SPECIAL.search(text) is None:  # most values (argmap's own, ids, plain text): one scan, no copies
        return str(text)
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


class _Writer:
    """Writes one diagram. Each distinct plain string is quoted once, and each distinct attribute
    written once: argmap's own values (fonts, colours, styles) recur on every node and edge, and
    each id on every line that ends at it."""

    def __init__(self) -> None:
        self._quoted: dict[str, str] = {}
        self._written: dict[tuple[str, str], str] = {}

    def quote(self, text: str) -> str:
        done = self._quoted.get(text)
        if done is None:
            done = self._quoted[text] = quote(text)
        return done

    def value(self, text: str) -> str:
        if isinstance(text, HtmlLabel):
            # Built from shortened text (see `style`), so it is far below Graphviz's limit.
            return _CONTROL.sub("", text)
        return self.quote(text)

    def attribute_list(self, attributes: Attributes) -> str:
        if not attributes:
            return ""
        written = self._written
        parts = []
        for attribute in attributes:
            text = attribute[1]
            # The type is tested before the cache is asked: a user's text equal to an HTML-like
            # label (equal strings, equal keys) must still be quoted.
            if isinstance(text, HtmlLabel):
                parts.append(f"{attribute[0]}={self.value(text)}")
                continue
            done = written.get(attribute)
            if done is None:
                done = written[attribute] = f"{attribute[0]}={self.quote(text)}"
            parts.append(done)
        return " [" + ", ".join(parts) + "]"

    def node(self, node: DiagramNode, indent: str) -> str:
        return f"{indent}{self.quote(node.name)}{self.attribute_list(node.attributes)};"

    def edge(self, edge: DiagramEdge, indent: str) -> str:
        return f"{indent}{self.quote(edge.tail)} -> {self.quote(edge.head)}{self.attribute_list(edge.attributes)};"

    def cluster(self, cluster: Cluster) -> list[str]:
        lines = [f"  subgraph {self.quote(cluster.name)} {{"]
        lines += [f"    {key}={self.value(text)};" for key, text in cluster.attributes]
        lines += [self.node(node, "    ") for node in cluster.nodes]
        lines += [self.edge(edge, "    ") for edge in cluster.edges]
        lines.append("  }")
        return lines


def to_dot(diagram: Diagram, name: str = "argmap") -> str:
    writer = _Writer()
    lines = [f"digraph {quote(name)} {{"]
    lines += [f"  {key}={writer.value(text)};" for key, text in diagram.graph_attributes]
    lines.append(f"  node{writer.attribute_list(diagram.node_defaults)};")
    lines.append(f"  edge{writer.attribute_list(diagram.edge_defaults)};")
    for cluster in diagram.clusters:
        lines += writer.cluster(cluster)
    node, edge = writer.node, writer.edge
    lines += [node(diagram_node, "  ") for diagram_node in diagram.nodes]
    lines += [edge(diagram_edge, "  ") for diagram_edge in diagram.edges]
    lines.append("}")
    return "\n".join(lines) + "\n"
