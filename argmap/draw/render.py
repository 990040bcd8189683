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
from enum import StrEnum
from typing import IO


class ImageFormat(StrEnum):
    SVG = "svg"
    PNG = "png"
    PDF = "pdf"
    DOT = "dot"


class RenderError(Exception):
    """Graphviz could not lay out or draw the diagram."""


def render(dot: str, image_format: ImageFormat) -> bytes:
    """Lay out `dot` with Graphviz's dot engine and draw it; DOT itself is returned as is."""
    if image_format is ImageFormat.DOT:
        return dot.encode("utf-8")
    import pygraphviz  # deferred: importing Graphviz costs time that validate never needs

    with _captured_stderr() as captured:
        try:
            graph = pygraphviz.AGraph(string=dot)
            drawn: bytes = graph.draw(format=image_format.value, prog="dot")
        except Exception as exc:  # pygraphviz raises bare exceptions of several kinds
            raise RenderError(f"Graphviz failed: {exc} {captured()}".strip()) from exc
    if image_format is ImageFormat.PDF:
        drawn = _PDF_CREATION_DATE.sub(_FIXED_PDF_DATE, drawn)
    return drawn


# cairo stamps each PDF with the time it was made, so the same map would never give the same
# bytes. The stamp is replaced by one of the same length, which keeps the PDF's byte offsets valid.
_PDF_CREATION_DATE = re.compile(rb"/CreationDate \(D:\d{14}Z\)")
_FIXED_PDF_DATE = b"/CreationDate (D:19700101000000Z)"


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
