"""DOT text to SVG, PNG or PDF, through the Graphviz bundled with pygraphviz, in a child process.

This is the only module that uses Graphviz. Rendering with the bundled libraries (instead of
running a `dot` found on PATH) means the output does not depend on which Graphviz, if any, the
machine has installed.

Graphviz runs in a child Python process rather than in argmap's own, because Graphviz ends
the process that hosts it on a fatal error (out of memory, an internal assertion): in-process,
`argmap render` would die with exit status 1 and no word of why. In a child, such an end is
reported as a `RenderError` naming the cause; the layout can be given a time limit and a
memory limit; and Graphviz's and fontconfig's chatter on standard error is read from the
child's pipe instead of by redirecting argmap's own file descriptor 2.

On Linux, in a process with a single thread (the `argmap` command, unless its spinner runs on a
terminal), the child is a fork of argmap's own process: it has the DOT text already, and the
modules argmap and pygraphviz share already imported, so it starts in about half the time of a
new interpreter (measured: 25 ms of CPU instead of 55). Elsewhere a new interpreter is started:
forking a process with other threads may copy a lock some thread holds (Python 3.12 warns about
it), and on macOS the system's frameworks are not safe to use after a fork without an exec.

Layouts past `MAX_LAYOUT_NODES` nodes or `MAX_LAYOUT_EDGES` edges are refused before Graphviz
starts (`check_layout_size`): `dot`'s layout grows much faster than the map. Measured on a
generated map drawn in full: 1,058 boxes and 2,025 edges took 14.6 s of CPU, 2,113 boxes and
4,071 edges 85 s (7 minutes on the loaded development machine), so past these sizes it would
run for minutes to draw a diagram too dense to read.
"""

from __future__ import annotations

import contextlib
import faulthandler
import gc
import importlib.util
import os
import re
import resource
import selectors
import signal
import subprocess
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import NoReturn

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
    run = _run_forked if _fork_is_safe() else _run_spawned
    returncode, drawn, stderr = run(dot, image_format, timeout)
    if returncode != 0:
        raise RenderError(f"Graphviz could not draw the map: {_cause(returncode, stderr)}",
                          hint=SMALLER_DIAGRAM_HINT if _out_of_memory(stderr) else None)
    if image_format is ImageFormat.PDF:
        drawn = _PDF_CREATION_DATE.sub(_FIXED_PDF_DATE, drawn)
    return drawn


def _timed_out(timeout: float) -> RenderError:
    return RenderError(f"Graphviz's layout was stopped after {timeout:g} s", hint=SMALLER_DIAGRAM_HINT)


def _run_spawned(dot: str, image_format: ImageFormat, timeout: float) -> tuple[int, bytes, bytes]:
    """Graphviz in a new interpreter: (exit status, drawing, standard error)."""
    command = [sys.executable, "-I", "-c", _WORKER, image_format.value, str(_memory_limit()), *_library_paths()]
    try:
        finished = subprocess.run(command, input=dot.encode("utf-8"), capture_output=True, timeout=timeout,
                                  check=False)
    except subprocess.TimeoutExpired:
        raise _timed_out(timeout) from None
    except OSError as exc:
        raise RenderError(f"cannot start Graphviz: {exc.strerror or exc}") from exc
    return finished.returncode, finished.stdout, finished.stderr


def _fork_is_safe() -> bool:
    """Whether Graphviz's child may be a fork of this process: on Linux, with this thread the only one.

    Threads are counted by the kernel (/proc/self/task), so that threads started outside Python
    (a file watcher's, a server's) count too.
    """
    if sys.platform != "linux":
        return False
    try:
        return sum(1 for _ in Path("/proc/self/task").iterdir()) == 1
    except OSError:  # pragma: no cover - Linux has /proc
        return False


def _run_forked(dot: str, image_format: ImageFormat, timeout: float) -> tuple[int, bytes, bytes]:
    """Graphviz in a fork of this process: (exit status, drawing, standard error), as `_run_spawned`."""
    _library_paths()  # pygraphviz is there, or a clear error now rather than an ImportError from the child
    # Imported here, once (loading its libraries is most of a child's start-up), so that every later
    # child (the HTML page draws three levels) starts with it. Nothing of Graphviz runs in this process.
    import pygraphviz  # noqa: F401

    growth = _memory_limit()
    for stream in (sys.stdout, sys.stderr):  # or the child would hold a copy of what is pending
        with contextlib.suppress(Exception):
            stream.flush()
    drawing_read, drawing_write = os.pipe()
    errors_read, errors_write = os.pipe()
    try:
        pid = os.fork()
    except OSError as exc:
        for descriptor in (drawing_read, drawing_write, errors_read, errors_write):
            os.close(descriptor)
        raise RenderError(f"cannot start Graphviz: {exc.strerror or exc}") from exc
    if pid == 0:  # pragma: no cover - the child; coverage is not collected there
        os.close(drawing_read)
        os.close(errors_read)
        _draw_in_child(dot, image_format, growth, drawing_write, errors_write)
    os.close(drawing_write)
    os.close(errors_write)
    finished = False
    try:
        outputs = _read_until_closed((drawing_read, errors_read), time.monotonic() + timeout)
        if outputs is None:
            raise _timed_out(timeout)
        _, status = os.waitpid(pid, 0)
        finished = True
        return os.waitstatus_to_exitcode(status), outputs[0], outputs[1]
    finally:
        if not finished:  # stopped, timed out or interrupted: the child must not outlive the call
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.waitpid(pid, 0)
        os.close(drawing_read)
        os.close(errors_read)


def _read_until_closed(descriptors: tuple[int, int], deadline: float) -> list[bytes] | None:
    """Everything written to the pipes until the writer closes them, or None at the deadline."""
    chunks: dict[int, list[bytes]] = {descriptor: [] for descriptor in descriptors}
    with selectors.DefaultSelector() as selector:
        for descriptor in descriptors:
            selector.register(descriptor, selectors.EVENT_READ)
        while selector.get_map():
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            for key, _ in selector.select(left):
                chunk = os.read(key.fd, 1 << 20)
                if chunk:
                    chunks[key.fd].append(chunk)
                else:
                    selector.unregister(key.fd)
    return [b"".join(chunks[descriptor]) for descriptor in descriptors]


def _draw_in_child(dot: str, image_format: ImageFormat, growth: int, drawing: int,
                   errors: int) -> NoReturn:  # pragma: no cover - runs in the forked child
    """The forked child's whole life: draw, write the drawing to `drawing`, and end, never returning
    into argmap's code (so no `finally` or exit handler of the parent runs twice)."""
    status = 1
    try:
        gc.disable()  # the parent's objects are only read: no copying them by scanning for cycles
        faulthandler.disable()  # a crash is reported by the parent, not dumped on the user's terminal
        # Graphviz's and fontconfig's messages go to the parent's pipe, as does anything written on
        # standard output (argmap's may be the user's drawing); standard input is not argmap's to read.
        os.dup2(errors, 2)
        os.dup2(errors, 1)
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        import pygraphviz

        if growth:
            size = int(Path("/proc/self/statm").read_bytes().split()[0]) * resource.getpagesize()
            resource.setrlimit(resource.RLIMIT_AS, (size + growth, size + growth))
        view = memoryview(pygraphviz.AGraph(string=dot).draw(format=image_format.value, prog="dot"))
        while view:
            view = view[os.write(drawing, view):]
        status = 0
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, whatever it is
        with contextlib.suppress(BaseException):
            os.write(2, f"{type(exc).__name__}: {exc}\n".encode("utf-8", "replace"))
    finally:
        os._exit(status)


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
