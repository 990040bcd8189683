"""Graphviz's child process, both ways it starts (argmap.draw.render): a fork of argmap's process on
Linux when it has one thread, else a new interpreter. Either way the drawing is the same, and a
Graphviz that fails, crashes, runs out of memory or runs too long is a `RenderError` naming why,
never the end of argmap, and leaves no process behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from argmap.draw import render as render_module
from argmap.draw.diagram import build_diagram
from argmap.draw.dot import to_dot
from argmap.draw.render import ImageFormat, RenderError, render
from argmap.read.document import check_file

ROOT = Path(__file__).resolve().parent.parent
ESCAPING = ROOT / "tests" / "golden" / "escaping.yaml"
NEW_INTERPRETER = render_module._run_spawned
LINUX_ONLY = pytest.mark.skipif(sys.platform != "linux", reason="the forked child is used on Linux only")


def escaping_dot() -> str:
    graph = check_file(str(ESCAPING)).graph
    assert graph is not None
    return to_dot(build_diagram(graph))


def children() -> set[int]:
    """This process's child processes, from the kernel."""
    found: set[int] = set()
    for task in Path("/proc/self/task").iterdir():
        found |= {int(pid) for pid in (task / "children").read_text().split()}
    return found


@pytest.fixture(params=["fork", "spawn"])
def start(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run the test once with each way of starting the child."""
    if request.param == "fork" and sys.platform != "linux":
        pytest.skip("the forked child is used on Linux only")
    forked: list[bool] = []
    run_forked, run_spawned = render_module._run_forked, render_module._run_spawned

    def forking(*arguments: object) -> tuple[int, bytes, bytes]:
        forked.append(True)
        return run_forked(*arguments)  # type: ignore[arg-type]

    def spawning(*arguments: object) -> tuple[int, bytes, bytes]:
        forked.append(False)
        return run_spawned(*arguments)  # type: ignore[arg-type]

    monkeypatch.setattr(render_module, "_fork_is_safe", lambda: request.param == "fork")
    monkeypatch.setattr(render_module, "_run_forked", forking)
    monkeypatch.setattr(render_module, "_run_spawned", spawning)
    yield request.param
    assert forked and all(forked) == (request.param == "fork"), "the child was not started the way asked"


def test_both_ways_draw_the_same_bytes(start: str) -> None:
    dot = escaping_dot()
    svg = render(dot, ImageFormat.SVG)
    assert svg.startswith(b"<?xml") and b"</svg>" in svg
    assert svg == NEW_INTERPRETER(dot, ImageFormat.SVG, 60)[1]


def test_a_syntax_error_is_reported_with_graphviz_own_words(start: str) -> None:
    with pytest.raises(RenderError) as failure:
        render("digraph { a -> ; }", ImageFormat.SVG)
    assert failure.value.message == "Graphviz could not draw the map: syntax error in line 1 near ';'"


def test_running_out_of_memory_is_reported_with_advice(start: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render_module, "_memory_limit", lambda: 20 << 20)
    size = 3000
    dot = "digraph {" + "".join(f"n{i} -> n{(i * 7 + 1) % size}; n{i} -> n{(i * 13 + 5) % size};"
                                for i in range(size)) + "}"
    with pytest.raises(RenderError) as failure:
        render(dot, ImageFormat.SVG)
    assert failure.value.message == "Graphviz could not draw the map: out of memory"
    assert failure.value.hint is not None and "--focus" in failure.value.hint


@pytest.mark.skipif(sys.platform != "linux", reason="children are read from /proc")
def test_a_layout_past_its_time_is_stopped_and_leaves_no_process(start: str) -> None:
    before = children()
    size = 400
    dot = "digraph {" + "".join(f"n{i} -> n{(i * 7 + 1) % size}; n{i} -> n{(i * 13 + 5) % size};"
                                for i in range(size)) + "}"
    started = time.monotonic()
    with pytest.raises(RenderError) as failure:
        render(dot, ImageFormat.SVG, timeout=0.05)  # this layout alone takes minutes
    assert time.monotonic() - started < 20, "the child was waited for, not stopped"
    assert failure.value.message == "Graphviz's layout was stopped after 0.05 s"
    assert children() <= before


@LINUX_ONLY
def test_a_graphviz_crash_in_the_forked_child_is_a_render_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # What a fatal error inside Graphviz does to the process hosting it, done for certain: the
    # forked child inherits the patched pygraphviz, and dies of SIGSEGV. argmap lives on to say so.
    import pygraphviz

    monkeypatch.setattr(render_module, "_fork_is_safe", lambda: True)
    monkeypatch.setattr(pygraphviz.AGraph, "draw", lambda *_, **__: os.kill(os.getpid(), signal.SIGSEGV))
    with pytest.raises(RenderError) as failure:
        render("digraph { a -> b }", ImageFormat.SVG)
    assert failure.value.message == "Graphviz could not draw the map: Graphviz was stopped by SIGSEGV"


def test_a_graphviz_crash_in_a_new_interpreter_is_a_render_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render_module, "_fork_is_safe", lambda: False)
    monkeypatch.setattr(render_module, "_WORKER", "import os, signal; os.kill(os.getpid(), signal.SIGABRT)")
    with pytest.raises(RenderError) as failure:
        render("digraph { a -> b }", ImageFormat.SVG)
    assert failure.value.message == "Graphviz could not draw the map: Graphviz was stopped by SIGABRT"


@LINUX_ONLY
def test_the_forked_child_writes_nothing_on_argmaps_standard_output(
        monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    import pygraphviz

    draw = pygraphviz.AGraph.draw

    def chatty(graph: pygraphviz.AGraph, **options: object) -> bytes:
        os.write(1, b"Graphviz says something\n")
        return draw(graph, **options)  # type: ignore[no-any-return]

    monkeypatch.setattr(render_module, "_fork_is_safe", lambda: True)
    monkeypatch.setattr(pygraphviz.AGraph, "draw", chatty)
    assert render("digraph { a -> b }", ImageFormat.SVG).startswith(b"<?xml")
    assert "Graphviz says" not in capfd.readouterr().out


@LINUX_ONLY
def test_a_single_threaded_process_forks_and_one_with_other_threads_does_not() -> None:
    alone = subprocess.run([sys.executable, "-c", "from argmap.draw import render; print(render._fork_is_safe())"],
                           capture_output=True, text=True, timeout=120, check=True)
    assert alone.stdout.strip() == "True"
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not render_module._fork_is_safe()
    finally:
        stop.set()
        thread.join()
