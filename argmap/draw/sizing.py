"""How big the picture comes out: an SVG that fits its window, a PNG of a chosen width or DPI,
a PDF on real paper.

Wraps `render` rather than living in it: sizes reach Graphviz as graph attributes written
into the DOT text, and the finished SVG and PDF are adjusted afterwards, so the module that
runs Graphviz stays the only one that knows how.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from .render import ImageFormat, render


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"


PAPER_POINTS = {Paper.A4: (595.0, 842.0), Paper.LETTER: (612.0, 792.0)}
PAGE_MARGIN = 36.0
"""Half an inch of white round the picture on every page, which printers need."""
SCREEN_DPI = 96.0
"""Graphviz's default for bitmaps: a PNG is 96/72 pixels per point unless told otherwise."""


@dataclass(frozen=True)
class RenderOptions:
    """How big the picture comes out. The defaults: PNG at 96 DPI, PDF on one A4 page."""

    png_width: int | None = None
    """PNG: scale so the image is this many pixels wide."""
    dpi: float | None = None
    """PNG: pixels per inch (96 when neither this nor a width is given)."""
    paper: Paper = Paper.A4
    """PDF: the page size."""
    tile: bool = False
    """PDF: print at natural size across as many pages as it takes (a poster), instead of scaling to one page."""


def sized_render(dot: str, image_format: ImageFormat, options: RenderOptions | None = None) -> bytes:
    """`render`, at the size `options` ask for."""
    options = options or RenderOptions()
    if image_format is ImageFormat.PNG:
        dot = with_graph_attributes(dot, _bitmap_size(options))
    drawn = render(dot, image_format)
    if image_format is ImageFormat.SVG:
        return fitted_svg(drawn)
    if image_format is ImageFormat.PDF:
        from .pages import on_paper  # deferred: only PDFs need pypdf

        # The sheets are a new document with no timestamp, so the bytes repeat.
        return on_paper(drawn, PAPER_POINTS[options.paper], PAGE_MARGIN, tile=options.tile)
    return drawn


def with_graph_attributes(dot: str, attributes: dict[str, str]) -> str:
    """`dot` with graph attributes added at its top (argmap's own values: numbers, never map text)."""
    if not attributes:
        return dot
    head, brace, rest = dot.partition("{")
    return head + brace + "".join(f'\n  {key}="{value}";' for key, value in attributes.items()) + rest


def _bitmap_size(options: RenderOptions) -> dict[str, str]:
    if options.png_width is not None:
        # `size` ending in "!" scales the drawing up or down until it fits; the height is left free.
        return {"dpi": f"{SCREEN_DPI:g}", "pad": "0", "size": f"{options.png_width / SCREEN_DPI:.6f},100000!"}
    if options.dpi is not None:
        return {"dpi": f"{options.dpi:g}"}
    return {}


_SVG_SIZE = re.compile(rb'<svg width="[0-9.]+pt" height="[0-9.]+pt"')


def fitted_svg(svg: bytes) -> bytes:
    """Make the SVG fill its window (or the page's width), scaled by its viewBox, instead of
    opening at 100% on a canvas thousands of points wide."""
    return _SVG_SIZE.sub(b'<svg width="100%" height="100%" preserveAspectRatio="xMidYMid meet"', svg, count=1)
