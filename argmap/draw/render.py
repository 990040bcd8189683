"""DOT text to SVG, PNG or PDF, in-process through the Graphviz bundled with pygraphviz.

This is the only module that imports Graphviz. Rendering in-process with the
bundled libraries (instead of running a `dot` found on PATH) means the output
does not depend on which Graphviz, if any, the machine has installed.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import IO


class ImageFormat(StrEnum):
    SVG = "svg"
    PNG = "png"
    PDF = "pdf"
    DOT = "dot"


class RenderError(Exception):
    """Graphviz could not lay out or draw the diagram."""


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
    """How big the picture comes out. The defaults draw at Graphviz's natural size."""

    png_width: int | None = None
    """PNG: scale so the image is this many pixels wide."""
    dpi: float | None = None
    """PNG: pixels per inch (96 when neither this nor a width is given)."""
    paper: Paper = Paper.A4
    """PDF: the page size."""
    tile: bool = False
    """PDF: print at natural size across as many pages as it takes (a poster), instead of scaling to one page."""


def render(dot: str, image_format: ImageFormat, options: RenderOptions | None = None) -> bytes:
    """Lay out `dot` with Graphviz's dot engine and draw it; DOT itself is returned as is."""
    if image_format is ImageFormat.DOT:
        return dot.encode("utf-8")
    import pygraphviz  # deferred: importing Graphviz costs time that validate never needs

    options = options or RenderOptions()
    with _captured_stderr() as captured:
        try:
            graph = pygraphviz.AGraph(string=dot)
            if image_format is ImageFormat.PNG:
                graph.graph_attr.update(_bitmap_size(options))
            drawn: bytes = graph.draw(format=image_format.value, prog="dot")
        except Exception as exc:  # pygraphviz raises bare exceptions of several kinds
            raise RenderError(f"Graphviz failed: {exc} {captured()}".strip()) from exc
    if image_format is ImageFormat.SVG:
        return fitted_svg(drawn)
    if image_format is ImageFormat.PDF:
        from .pages import on_paper  # deferred like Graphviz: only PDFs need pypdf

        # Placing the drawing on paper also leaves out cairo's timestamp, so the bytes repeat.
        drawn = on_paper(drawn, PAPER_POINTS[options.paper], PAGE_MARGIN, tile=options.tile)
    return drawn


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


@contextmanager
def _captured_stderr() -> Iterator[Callable[[], str]]:
    """Keep Graphviz's and fontconfig's C-level chatter off the user's terminal.

    The bundled fontconfig warns about newer system config files it does not
    understand; harmless, but noise. What was written is kept for error messages.
    """
    try:
        original = os.dup(2)
    except OSError:  # no usable stderr (e.g. closed): nothing to capture
        yield lambda: ""
        return
    with tempfile.TemporaryFile() as sink:
        sys.stderr.flush()
        os.dup2(sink.fileno(), 2)
        try:
            yield lambda: _read(sink)
        finally:
            sys.stderr.flush()
            os.dup2(original, 2)
            os.close(original)


def _read(sink: IO[bytes]) -> str:
    sink.flush()
    sink.seek(0)
    return sink.read().decode("utf-8", "replace").strip()
