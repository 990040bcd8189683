"""The diagram as a picture, in one call: for the CLI, `argmap watch` and the HTML viewer.

`diagram_svg(graph, DiagramOptions(detail=Detail.OVERVIEW))` is the SVG a page
embeds; `with_evaluation` adds the statuses, the answer and the pivots of an
evaluation to the options, so every caller marks them the same way.
"""

from __future__ import annotations

from dataclasses import replace

from argmap.evaluate import Evaluation, WhatIf
from argmap.evaluate.pivots import pivots
from argmap.graph import ArgumentGraph

from .diagram import Detail, DiagramOptions
from .export import diagram_bytes
from .render import ImageFormat
from .sizing import RenderOptions

__all__ = ["Detail", "DiagramOptions", "RenderOptions", "diagram_bytes", "diagram_svg", "with_evaluation"]


def diagram_svg(graph: ArgumentGraph, options: DiagramOptions | None = None) -> str:
    """The map as SVG text that fills its container (`width`/`height` 100%, scaled by its viewBox).

    Each drawn node is a `<g id="node-ID">` with its full text (and, in the overview,
    its evidence's quotes) as the `<title>`-based tooltip; map text is escaped throughout.
    """
    return diagram_bytes(graph, ImageFormat.SVG, options).decode("utf-8")


def with_evaluation(options: DiagramOptions, graph: ArgumentGraph, evaluation: Evaluation,
                    what_if: WhatIf | None = None, *, mark_pivots: bool = True) -> DiagramOptions:
    """`options` with the statuses, element statuses, answer and (optionally) pivots of `evaluation`."""
    what_if = what_if or WhatIf((), (), None)
    return replace(
        options,
        status={node_id: value.value for node_id, value in evaluation.status.items()},
        element_status={element: value.value for element, value in evaluation.element_status.items()},
        answer=evaluation.answer.value,
        what_if=what_if.describe() or None,
        pivots=frozenset(p.id for p in pivots(graph, what_if)) if mark_pivots else frozenset(),
    )
