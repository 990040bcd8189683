"""A drawn PDF onto real paper: scaled to fit one page, or tiled across pages as a poster.

Graphviz's cairo PDF is one page exactly the size of the drawing (62 x 41 inches
for the bundled map at full detail), which no printer takes, and cairo cannot
split it. pypdf (a well-kept, pure-Python library) turns that page into one
reusable form and draws it on each sheet of A4 or Letter, shifted and clipped,
so a poster of forty sheets holds the drawing once, not forty times.
"""

from __future__ import annotations

import io
import math

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    ContentStream,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    TextStringObject,
)

Size = tuple[float, float]
_FORM = "/Diagram"


def on_paper(pdf: bytes, paper: Size, margin: float, *, tile: bool) -> bytes:
    """`pdf`'s first page on `paper`, portrait or landscape, whichever matches the drawing's shape."""
    writer = PdfWriter()
    template = writer.add_page(PdfReader(io.BytesIO(pdf)).pages[0])
    size = (float(template.mediabox.width), float(template.mediabox.height))
    form = writer._add_object(_as_form(template, size))
    writer.remove_page(template)
    sheet = _oriented(paper, size)
    printable = (sheet[0] - 2 * margin, sheet[1] - 2 * margin)
    if tile:
        columns, rows = math.ceil(size[0] / printable[0]), math.ceil(size[1] / printable[1])
        for row in range(rows):
            for column in range(columns):
                # This piece's top-left corner lands on the printable area's top-left corner.
                x = margin - column * printable[0]
                y = sheet[1] - margin - (size[1] - row * printable[1])
                _add_sheet(writer, sheet, form, margin, 1.0, x, y)
    else:
        scale = fit_scale(size, printable)
        # Centred across the page and set at its top, like a figure.
        x = (sheet[0] - size[0] * scale) / 2
        y = sheet[1] - margin - size[1] * scale
        _add_sheet(writer, sheet, form, margin, scale, x, y)
    # No timestamp and a fixed file id: the same drawing gives the same bytes.
    writer.add_metadata({"/Producer": TextStringObject("argmap")})
    writer._ID = ArrayObject([ByteStringObject(b"argmap-diagram00"), ByteStringObject(b"argmap-diagram00")])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def fit_scale(size: Size, printable: Size) -> float:
    """How much a drawing shrinks to fit the printable area; never enlarged past its natural size."""
    return min(1.0, printable[0] / size[0], printable[1] / size[1])


def _oriented(paper: Size, size: Size) -> Size:
    """Landscape for a drawing wider than tall, portrait otherwise."""
    short, long = sorted(paper)
    return (long, short) if size[0] > size[1] else (short, long)


def _as_form(template: PageObject, size: Size) -> DecodedStreamObject:
    """The drawing's page as a form XObject: its content and resources, drawable anywhere."""
    contents = template.get_contents()
    form = DecodedStreamObject()
    form.set_data(contents.get_data() if contents is not None else b"")
    form.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(size[0]), FloatObject(size[1])]),
        NameObject("/Resources"): template["/Resources"],
    })
    return form


def _add_sheet(writer: PdfWriter, sheet: Size, form: IndirectObject, margin: float, scale: float,
               x: float, y: float) -> None:
    """One page: the form scaled and moved to (x, y), clipped to the printable area so margins stay white."""
    page = writer.add_blank_page(width=sheet[0], height=sheet[1])
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject(_FORM): form})})
    content = ContentStream(None, None)
    content.set_data(
        f"q {margin:.2f} {margin:.2f} {sheet[0] - 2 * margin:.2f} {sheet[1] - 2 * margin:.2f} re W n "
        f"{scale:.6f} 0 0 {scale:.6f} {x:.2f} {y:.2f} cm {_FORM} Do Q\n".encode())
    page.replace_contents(content)
