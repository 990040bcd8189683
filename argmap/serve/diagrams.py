"""The diagram at each level of detail, as SVG ready for the page.

The drawing itself is draw/'s job (`argmap.draw.picture.diagram_svg`); this
module only asks it for each level and cleans the SVG for embedding
(`svg.embeddable_svg`).
"""

from __future__ import annotations

from dataclasses import replace

from argmap.draw.diagram import Detail, DiagramOptions
from argmap.draw.picture import diagram_svg
from argmap.draw.render import RenderError
from argmap.graph import ArgumentGraph

from .svg import embeddable_svg

LEVEL_NAMES = {
    Detail.OVERVIEW.value: "Overview: evidence as badges",
    Detail.CLAIMS.value: "Claims: evidence as cards",
    Detail.FULL.value: "Full: every quote",
}


def diagram_svgs(graph: ArgumentGraph,
                 options: DiagramOptions | None = None) -> tuple[dict[str, str], dict[str, str]]:
    """Level name -> the SVG element for it, the level `options` asks for first (the page opens at it);
    and level name -> why it is left out, for levels too large for Graphviz to lay out.

    `options` carries the layout choices (direction, grouping, focus); statuses are left out, since
    the page paints them itself as its what-ifs change. A large map may be drawable only as the
    overview: the page then offers what can be drawn. If no level can, the first refusal is raised.
    """
    label = f"Argument map diagram: {graph.question.text}"
    base = replace(options or DiagramOptions(), status=None, element_status=None, answer=None,
                   pivots=frozenset(), what_if=None)
    levels = [base.detail, *(level for level in Detail if level is not base.detail)]
    drawn: dict[str, str] = {}
    unavailable: dict[str, str] = {}
    refusal: RenderError | None = None
    for level in levels:
        try:
            svg = diagram_svg(graph, replace(base, detail=level))
        except RenderError as exc:
            refusal = refusal or exc
            unavailable[level.value] = str(exc)
            continue
        drawn[level.value] = embeddable_svg(svg.encode("utf-8"), f"{label} ({LEVEL_NAMES[level.value]})")
    if not drawn:
        assert refusal is not None
        raise refusal
    return drawn, unavailable
