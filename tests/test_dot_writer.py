"""The DOT writer quotes each distinct value once per diagram; a value's type, not the cache,
decides how it is written."""

from __future__ import annotations

import pytest

from argmap.draw.diagram import Diagram, DiagramEdge, DiagramNode
from argmap.draw.dot import quote, to_dot
from argmap.draw.style import HtmlLabel, html_label

LOOKALIKE = "<<B>bold</B>>"


def diagram(*nodes: DiagramNode) -> Diagram:
    return Diagram(graph_attributes=(), node_defaults=(), edge_defaults=(), nodes=nodes,
                   edges=(DiagramEdge("a", "b", (("label", LOOKALIKE),)),))


@pytest.mark.parametrize("html_first", [True, False])
def test_user_text_equal_to_an_html_label_is_quoted_wherever_it_comes(html_first: bool) -> None:
    label = html_label("<B>bold</B>")
    assert label == LOOKALIKE and isinstance(label, HtmlLabel)
    with_label = DiagramNode("a", (("label", label),))
    with_text = DiagramNode("b", (("label", LOOKALIKE), ("tooltip", LOOKALIKE)))
    dot = to_dot(diagram(*((with_label, with_text) if html_first else (with_text, with_label))))
    assert '"a" [label=<<B>bold</B>>];' in dot
    assert '"b" [label="<<B>bold</B>>", tooltip="<<B>bold</B>>"];' in dot
    assert '"a" -> "b" [label="<<B>bold</B>>"];' in dot


def test_a_repeated_value_is_written_the_same_each_time() -> None:
    text = 'say "no" & C:\\path\r\nnext\x00'
    nodes = tuple(DiagramNode(f"n{i}", (("tooltip", text), ("label", text))) for i in range(3))
    dot = to_dot(Diagram((), (), (), nodes, ()))
    written = quote(text)
    assert written == '"say \\"no\\" &amp; C:\\\\\\\\path\\nnext"'
    assert dot.count(f"[tooltip={written}, label={written}]") == 3
