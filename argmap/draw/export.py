"""A checked map to a diagram file: choose the format, build, render, write.

Ties the diagram, DOT and rendering modules together for the CLI and for
`argmap watch`, so both produce the same file from the same map.
"""

from __future__ import annotations

from pathlib import Path

from argmap.errors import UsageError
from argmap.files import check_output, write_output
from argmap.graph import ArgumentGraph

from .diagram import DiagramOptions, build_diagram
from .dot import to_dot
from .render import ImageFormat, check_layout_size
from .sizing import RenderOptions, sized_render


class ExportError(UsageError):
    """The requested output format cannot be told or clashes with the output's name."""


def format_for(output: Path | None, requested: ImageFormat | None) -> ImageFormat:
    """The format to write: from --format, else from the output's suffix, else SVG."""
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    from_suffix = ImageFormat(suffix) if suffix in {f.value for f in ImageFormat} else None
    if requested is not None and from_suffix is not None and requested is not from_suffix:
        raise ExportError(f"--format {requested.value} does not match the output file '{output}'")
    if requested is None and output is not None and suffix and from_suffix is None:
        raise ExportError(f"cannot tell the format from '{output}'; use .svg, .png, .pdf, .dot or .html, "
                          "or give --format")
    return requested or from_suffix or ImageFormat.SVG


def default_output(map_path: str, image_format: ImageFormat) -> Path:
    """Beside the input: `maps/debate.yaml` -> `maps/debate.svg`."""
    if map_path == "-":
        return Path(f"argmap.{image_format.value}")
    return Path(map_path).with_suffix(f".{image_format.value}")


def diagram_bytes(graph: ArgumentGraph, image_format: ImageFormat,
                  options: DiagramOptions | None = None, render_options: RenderOptions | None = None) -> bytes:
    diagram = build_diagram(graph, options)
    check_layout_size(len(diagram.nodes) + sum(len(c.nodes) for c in diagram.clusters),
                      len(diagram.edges) + sum(len(c.edges) for c in diagram.clusters), image_format)
    return sized_render(to_dot(diagram), image_format, render_options)


def export_diagram(graph: ArgumentGraph, map_path: str, output: Path | None = None,
                   image_format: ImageFormat | None = None, options: DiagramOptions | None = None,
                   render_options: RenderOptions | None = None) -> Path:
    """Draw the map and write it to `output` (default: beside the map); return where it went.

    Never over the map itself (`OutputError`): a map named `m.svg` would otherwise be replaced
    by its own diagram. The file is written atomically, so a reader (a browser, `argmap watch`)
    never sees half a diagram.
    """
    chosen = format_for(output, image_format)
    destination = output or default_output(map_path, chosen)
    check_output(destination, inputs=(map_path,))  # at once, before the layout's work
    write_output(destination, diagram_bytes(graph, chosen, options, render_options), inputs=(map_path,))
    return destination
