"""DOT text to SVG, PNG or PDF, through the Graphviz bundled with pygraphviz, in a child process.

This is the only module that uses Graphviz. Rendering with the bundled libraries (instead of
running a `dot` found on PATH) means the output does not depend on which Graphviz, if any, the
machine has installed.

Graphviz runs in a child Python process rather than in argmap's own, because Graphviz ends
the process that hosts it on a fatal error (out of memory, an internal assertion): in-process,
`argmap render` would die with exit status 1 and no word of why. In a child, such an end is
reported as a `RenderError` naming the cause; the layout can be given a time limit and a
memory limit; and Graphviz's and fontconfig's chatter on standard error is read from the
child's pipe instead of by redirecting argmap's own file descriptor 2. The price is the
child's start-up, about 50 ms.

Layouts past `MAX_LAYOUT_NODES` nodes or `MAX_LAYOUT_EDGES` edges are refused before Graphviz
starts (`check_layout_size`): `dot`'s layout grows much faster than the map. Measured on a
generated map drawn in full: 1,058 boxes and 2,025 edges took 14.6 s of CPU, 2,113 boxes and
4,071 edges 85 s (7 minutes on the loaded development machine), so past these sizes it would
run for minutes to draw a diagram too dense to read.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import re
import signal
import subprocess
import sys
from enum import StrEnum
from pathlib import Path

from argmap.errors import ArgmapError, ExitStatus


class ImageFormat(StrEnum):
    SVG = "svg"
    PNG = "png"
    PDF = "pdf"
    DOT = "dot"
    HTML = "html"
    """The interactive viewer page: built by argmap.serve.viewer around the SVG, not drawn by Graphviz."""


class RenderError(ArgmapError):
    """Graphviz could not lay out or draw the diagram, or the map is too large to lay out."""

    exit_status = ExitStatus.PROBLEMS


MAX_LAYOUT_NODES = 1000
"""Nodes (boxes, the legend included) Graphviz is asked to lay out at most."""
MAX_LAYOUT_EDGES = 3000
"""Edges (supports, attacks, links to elements) Graphviz is asked to lay out at most."""
LAYOUT_TIMEOUT = 300.0
"""Seconds after which a layout still running is stopped; below the size limits it takes far less."""

SMALLER_DIAGRAM_HINT = ("draw a part of the map with --focus ID --depth K, fold the evidence into badges "
                        "with --detail overview, or write the DOT text (--format dot), which needs no layout")


def check_layout_size(nodes: int, edges: int, image_format: ImageFormat) -> None:
    """Refuse at once a diagram too large for Graphviz to lay out in reasonable time."""
    if image_format is ImageFormat.DOT or (nodes <= MAX_LAYOUT_NODES and edges <= MAX_LAYOUT_EDGES):
        return
    raise RenderError(
        f"the diagram has {nodes:,} nodes and {edges:,} edges, more than Graphviz can lay out in "
        f"reasonable time (at most {MAX_LAYOUT_NODES:,} nodes and {MAX_LAYOUT_EDGES:,} edges)",
        hint=SMALLER_DIAGRAM_HINT)


# The child: read DOT on standard input, write the drawing on standard output. Once Graphviz is
# loaded, its address space may grow by at most the given number of bytes, so that a layout too
# large for the machine ends in Graphviz's "out of memory" instead of swapping it to a standstill.
_WORKER = """
import resource, sys
sys.path[:0] = sys.argv[3:]
import pygraphviz
dot = sys.stdin.buffer.read().decode("utf-8")
growth = int(sys.argv[2])
if growth:
    with open("/proc/self/statm") as statm:
        size = int(statm.read().split()[0]) * resource.getpagesize()
    resource.setrlimit(resource.RLIMIT_AS, (size + growth, size + growth))
graph = pygraphviz.AGraph(string=dot)
sys.stdout.buffer.write(graph.draw(format=sys.argv[1], prog="dot"))
"""


def render(dot: str, image_format: ImageFormat, *, timeout: float = LAYOUT_TIMEOUT) -> bytes:
    """Lay out `dot` with Graphviz's dot engine and draw it; DOT itself is returned as is."""
    if image_format is ImageFormat.DOT:
        return dot.encode("utf-8")
    if image_format is ImageFormat.HTML:
        raise RenderError("Graphviz does not draw HTML pages; argmap.serve.viewer builds them")
    command = [sys.executable, "-I", "-c", _WORKER, image_format.value, str(_memory_limit()), *_library_paths()]
    try:
        finished = subprocess.run(command, input=dot.encode("utf-8"), capture_output=True, timeout=timeout,
                                  check=False)
    except subprocess.TimeoutExpired:
        raise RenderError(f"Graphviz's layout was stopped after {timeout:g} s", hint=SMALLER_DIAGRAM_HINT) from None
    except OSError as exc:
        raise RenderError(f"cannot start Graphviz: {exc.strerror or exc}") from exc
    if finished.returncode != 0:
        raise RenderError(f"Graphviz could not draw the map: {_cause(finished.returncode, finished.stderr)}",
                          hint=SMALLER_DIAGRAM_HINT if _out_of_memory(finished.stderr) else None)
    drawn = finished.stdout
    if image_format is ImageFormat.PDF:
        drawn = _PDF_CREATION_DATE.sub(_FIXED_PDF_DATE, drawn)
    return drawn


# cairo stamps each PDF with the time it was made, so the same map would never give the same
# bytes. The stamp is replaced by one of the same length, which keeps the PDF's byte offsets valid.
_PDF_CREATION_DATE = re.compile(rb"/CreationDate \(D:\d{14}Z\)")
_FIXED_PDF_DATE = b"/CreationDate (D:19700101000000Z)"


def _library_paths() -> list[str]:
    """Where this interpreter finds pygraphviz, for the isolated (-I) child."""
    spec = importlib.util.find_spec("pygraphviz")
    if spec is None or not spec.submodule_search_locations:
        raise RenderError("cannot draw: the pygraphviz package is not installed",
                          hint="install argmap with its dependencies: python -m pip install argmap")
    return [str(Path(next(iter(spec.submodule_search_locations))).parent)]


def _memory_limit() -> int:
    """How much memory a layout may take: three quarters of the machine's (0, no limit, where the
    machine's memory or the child's own size cannot be told, as on systems without /proc)."""
    if not Path("/proc/self/statm").exists():  # pragma: no cover - Linux has it
        return 0
    with contextlib.suppress(ValueError, OSError, AttributeError):
        return int(os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") * 3 // 4)
    return 0  # pragma: no cover - every POSIX system argmap runs on answers


# Lines of Graphviz's standard error worth showing: its own errors and Python's last word.
_NOISE = re.compile(r"^(Fontconfig warning|Warning:|\s|Traceback|String starting:)")


def _out_of_memory(stderr: bytes) -> bool:
    text = stderr.decode("utf-8", "replace").lower()
    return "out of memory" in text or "memoryerror" in text or "cannot allocate" in text


def _cause(returncode: int, stderr: bytes) -> str:
    """What ended the child, in a line: Graphviz's own message if it left one."""
    if _out_of_memory(stderr):
        return "out of memory"
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines()
             if line.strip() and not _NOISE.match(line)]
    # Graphviz prints "Error: ..." lines; pygraphviz then raises with a summary as the last line.
    errors = [line.removeprefix("Error: ") for line in lines if line.startswith("Error:")]
    if errors:
        return "; ".join(dict.fromkeys(errors))
    if returncode < 0:
        with contextlib.suppress(ValueError):
            return f"Graphviz was stopped by {signal.Signals(-returncode).name}"
    return lines[-1] if lines else f"Graphviz ended with status {returncode} and no message"
