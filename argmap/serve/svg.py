"""Graphviz's SVG made fit to sit inside the viewer page.

Graphviz already escapes the map's text in its SVG. This pass is the second
lock on the door: the SVG is parsed and written back keeping only drawing
elements and attributes, so nothing in it can run as script or link away
(no `<script>`, no event-handler attributes, no `href` of any kind), and the
comments Graphviz writes (which repeat node names) are gone. It also turns
the fixed point size into a viewBox the page can scale, and writes it smaller
(coordinates to a tenth of a point; the font, the text anchor and white-space
left to the page's stylesheet), about a quarter less on a large map.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

_ELEMENTS = frozenset({"svg", "g", "title", "a", "polygon", "polyline", "path", "ellipse", "circle", "rect",
                       "line", "text", "tspan", "defs", "linearGradient", "radialGradient", "stop", "desc"})
_ATTRIBUTES = frozenset({
    "id", "class", "transform", "viewBox", "points", "d", "cx", "cy", "rx", "ry", "r", "x", "y", "x1", "y1",
    "x2", "y2", "width", "height", "fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray",
    "stroke-opacity", "stroke-linecap", "stroke-linejoin", "opacity", "font-family", "font-size", "font-weight",
    "font-style", "text-anchor", "text-decoration", "dominant-baseline", "offset", "stop-color", "stop-opacity",
    "gradientUnits", "gradientTransform", "{http://www.w3.org/XML/1998/namespace}space",
    f"{{{XLINK_NS}}}title",
})


_GEOMETRY = frozenset({"points", "d", "x", "y", "transform", "width", "height", "viewBox", "font-size",
                       "stroke-width", "cx", "cy", "rx", "ry"})
_NUMBER = re.compile(r"-?\d+\.\d+")
# Said once in the page's stylesheet instead of on each of thousands of <text> elements.
_DEFAULTS = {"text-anchor": "start", "{http://www.w3.org/XML/1998/namespace}space": "preserve"}
PAGE_FONT = "Helvetica,sans-Serif"
"""The diagram's font (argmap.draw.style.FONT as Graphviz writes it): the page's stylesheet sets it."""


def _rounded(match: re.Match[str]) -> str:
    # A tenth of a point is below what a screen shows at any zoom the page allows; it halves the digits.
    value = round(float(match.group()), 1)
    return f"{value:.1f}".rstrip("0").rstrip(".") if value else "0"


class SvgError(ValueError):
    """The drawing is not the SVG Graphviz writes."""


def embeddable_svg(svg: bytes, label: str) -> str:
    """The SVG element alone, cleaned (see the module's docstring), with `aria-label` set to `label`."""
    try:
        # Graphviz's own output; ElementTree resolves no external entities.
        root = ET.fromstring(svg)
    except ET.ParseError as exc:
        raise SvgError(f"Graphviz wrote SVG that does not parse: {exc}") from exc
    if root.tag != f"{{{SVG_NS}}}svg":
        raise SvgError("Graphviz did not write an <svg> element")
    _clean(root)
    view_box = root.get("viewBox", "").split()
    if len(view_box) == 4:
        # The page scales the drawing itself: one user unit per CSS pixel to start with.
        root.set("width", view_box[2])
        root.set("height", view_box[3])
    root.set("role", "img")
    root.set("aria-label", label)
    root.set("focusable", "false")
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    return ET.tostring(root, encoding="unicode")


def _clean(element: ET.Element) -> None:
    for child in list(element):
        local = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if not (isinstance(child.tag, str) and child.tag.startswith(f"{{{SVG_NS}}}") and local in _ELEMENTS):
            element.remove(child)
            continue
        _clean(child)
    for name, value in list(element.attrib.items()):
        if name not in _ATTRIBUTES or _DEFAULTS.get(name) == value or (name == "font-family" and value == PAGE_FONT):
            del element.attrib[name]
        elif name in _GEOMETRY:
            element.attrib[name] = _NUMBER.sub(_rounded, value)
