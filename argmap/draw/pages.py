"""A drawn PDF onto real paper: scaled to fit one page, or tiled across pages as a poster.

Graphviz's cairo PDF is one page exactly the size of the drawing (62 x 41 inches
for the bundled map at full detail), which no printer takes. pypdf places that
page on sheets of A4 or Letter; it is a well-kept pure-Python library, so this
needs no system tools.
"""

from __future__ import annotations

import io
import math

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import ArrayObject, ByteStringObject, ContentStream, TextStringObject

Size = tuple[float, float]


def on_paper(pdf: bytes, paper: Size, margin: float, *, tile: bool) -> bytes:
    """`pdf`'s first page on `paper` (portrait or landscape, whichever shows it larger)."""
    drawing = PdfReader(io.BytesIO(pdf)).pages[0]
    size = (float(drawing.mediabox.width), float(drawing.mediabox.height))
    writer = PdfWriter()
    if tile:
        for page in _tiles(drawing, size, _oriented(paper, size), margin):
            writer.add_page(page)
    else:
        writer.add_page(_fitted(drawing, size, paper, margin))
    # No timestamp and a fixed file id: the same drawing gives the same bytes.
    writer.add_metadata({"/Producer": TextStringObject("argmap")})
    writer._ID = ArrayObject([ByteStringObject(b"argmap-diagram00"), ByteStringObject(b"argmap-diagram00")])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _oriented(paper: Size, size: Size) -> Size:
    """Landscape for a drawing wider than tall, portrait otherwise."""
    short, long = sorted(paper)
    return (long, short) if size[0] > size[1] else (short, long)


def fit_scale(size: Size, paper: Size, margin: float) -> float:
    """How much a drawing of `size` shrinks to fit the printable part of `paper`; never enlarged."""
    return min(1.0, (paper[0] - 2 * margin) / size[0], (paper[1] - 2 * margin) / size[1])


def _fitted(drawing: PageObject, size: Size, paper: Size, margin: float) -> PageObject:
    sheet_size = _oriented(paper, size)
    scale = fit_scale(size, sheet_size, margin)
    sheet = PageObject.create_blank_page(width=sheet_size[0], height=sheet_size[1])
    # Centred horizontally, at the top of the page, like a figure.
    x = (sheet_size[0] - size[0] * scale) / 2
    y = sheet_size[1] - margin - size[1] * scale
    sheet.merge_transformed_page(drawing, Transformation().scale(scale).translate(x, y))
    return sheet


def _tiles(drawing: PageObject, size: Size, paper: Size, margin: float) -> list[PageObject]:
    """Pages left to right, top to bottom, each showing the next piece of the drawing at full size."""
    width, height = paper[0] - 2 * margin, paper[1] - 2 * margin
    columns, rows = math.ceil(size[0] / width), math.ceil(size[1] / height)
    pages = []
    for row in range(rows):
        for column in range(columns):
            sheet = PageObject.create_blank_page(width=paper[0], height=paper[1])
            # The piece's top-left corner lands on the printable area's top-left corner.
            x = margin - column * width
            y = paper[1] - margin - (size[1] - row * height)
            sheet.merge_transformed_page(drawing, Transformation().translate(x, y))
            _clip(sheet, margin, margin, width, height)
            pages.append(sheet)
    return pages


def _clip(sheet: PageObject, x: float, y: float, width: float, height: float) -> None:
    """Keep the sheet's drawing inside the rectangle, so the margins stay white."""
    contents = sheet.get_contents()
    data = contents.get_data() if contents is not None else b""
    clipped = ContentStream(None, None)
    clipped.set_data(f"q {x:.2f} {y:.2f} {width:.2f} {height:.2f} re W n\n".encode() + data + b"\nQ\n")
    sheet.replace_contents(clipped)
