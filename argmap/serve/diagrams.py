"""The diagram at each level of detail, as SVG ready for the page.

The drawing itself is draw/'s job; this module only asks it for each level and
cleans the SVG for embedding (`svg.embeddable_svg`).
"""

from __future__ import annotations

from dataclasses import replace

from argmap.draw.diagram import DiagramOptions
from argmap.draw.export import diagram_bytes
from argmap.draw.render import ImageFormat
from argmap.graph import ArgumentGraph

from .svg import embeddable_svg

LEVEL_NAMES = {"full": "Full: every quote"}


def diagram_svgs(graph: ArgumentGraph, options: DiagramOptions | None = None) -> dict[str, str]:
    """Level name -> the SVG element for it, in the order the page offers them.

    `options` carries the layout choices (direction, grouping, focus); statuses are left out, since
    the page paints them itself as its what-ifs change.
    """
    label = f"Argument map diagram: {graph.question.text}"
    base = options or DiagramOptions()
    drawn = diagram_bytes(graph, ImageFormat.SVG, replace(base, status=None, element_status=None, answer=None,
                                                          pivots=frozenset(), what_if=None))
    return {"full": embeddable_svg(drawn, label)}
