"""The diagram at each level of detail, as SVG ready for the page.

The drawing itself is draw/'s job (`argmap.draw.picture.diagram_svg`); this
module only asks it for each level and cleans the SVG for embedding
(`svg.embeddable_svg`).
"""

from __future__ import annotations

from dataclasses import replace

from argmap.draw.diagram import Detail, DiagramOptions
from argmap.draw.picture import diagram_svg
from argmap.graph import ArgumentGraph

from .svg import embeddable_svg

LEVEL_NAMES = {
    Detail.OVERVIEW.value: "Overview: evidence as badges",
    Detail.CLAIMS.value: "Claims: evidence as cards",
    Detail.FULL.value: "Full: every quote",
}


def diagram_svgs(graph: ArgumentGraph, options: DiagramOptions | None = None) -> dict[str, str]:
    """Level name -> the SVG element for it, the level `options` asks for first (the page opens at it).

    `options` carries the layout choices (direction, grouping, focus); statuses are left out, since
    the page paints them itself as its what-ifs change.
    """
    label = f"Argument map diagram: {graph.question.text}"
    base = replace(options or DiagramOptions(), status=None, element_status=None, answer=None,
                   pivots=frozenset(), what_if=None)
    levels = [base.detail, *(level for level in Detail if level is not base.detail)]
    return {level.value: embeddable_svg(diagram_svg(graph, replace(base, detail=level)).encode("utf-8"),
                                        f"{label} ({LEVEL_NAMES[level.value]})")
            for level in levels}
