"""The library changes no process-wide state, so a program can embed argmap and call it from threads.

The cycle collector, file descriptor 2 and the umask belong to the host program; only
the `argmap` command's entry point (argmap.cli.main) may set them.
"""

from __future__ import annotations

import gc
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from argmap.draw.export import diagram_bytes
from argmap.draw.render import ImageFormat
from argmap.evaluate import evaluate
from argmap.files import atomic_write, create_exclusive
from argmap.read.document import check_file, check_text

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "arguments.yaml"

PROCESS_WIDE = [(gc, "disable"), (gc, "enable"), (gc, "freeze"), (gc, "unfreeze"), (gc, "set_threshold"),
                (os, "umask"), (os, "dup2")]


@pytest.fixture
def process_wide_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Record every call argmap's code makes to a function that changes process-wide state.

    Calls from elsewhere (pytest's own output capture uses os.dup2) are not argmap's.
    """
    calls: list[str] = []
    for module, name in PROCESS_WIDE:
        original = getattr(module, name)

        def spy(*args: Any, _original: Callable[..., Any] = original, _name: str = name) -> Any:
            caller = sys._getframe(1).f_globals.get("__name__", "")
            if caller == "argmap" or caller.startswith("argmap."):
                calls.append(f"{caller}: {_name}{args}")
            return _original(*args)

        monkeypatch.setattr(module, name, spy)
    yield calls


def every_library_step(tmp_path: Path) -> None:
    checked = check_file(str(BUNDLED))
    assert checked.graph is not None and not checked.errors
    evaluate(checked.graph)
    assert diagram_bytes(checked.graph, ImageFormat.SVG).lstrip().startswith(b"<?xml")
    atomic_write(tmp_path / "copy.yaml", BUNDLED.read_bytes())
    create_exclusive(tmp_path / "new.yaml", b"argmap: 1\n")


def test_library_calls_touch_no_process_wide_state(tmp_path: Path, process_wide_calls: list[str]) -> None:
    umask_before = current_umask()
    every_library_step(tmp_path)
    assert process_wide_calls == []
    assert gc.isenabled()
    assert current_umask() == umask_before


def test_the_collector_runs_as_the_host_set_it_during_a_check() -> None:
    # A 2,000-claim map allocates far past the youngest generation's threshold.
    claims = "".join(f"  c{i}:\n    text: Claim {i}.\n    supports: [e]\n" for i in range(2_000))
    text = "argmap: 1\nquestion: {id: q, text: Q?}\nframework:\n  rule: R\n  elements:\n    e: {text: E}\n"
    text += "claims:\n" + claims
    before = gc.get_stats()[0]["collections"]
    assert check_text(text, "m.yaml").errors == []
    assert gc.get_stats()[0]["collections"] > before


def current_umask() -> int:
    # Reading the umask means setting it; /proc shows it without doing so (Linux).
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("Umask:"):
            return int(line.split()[1], 8)
    pytest.skip("no /proc/self/status")


def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        create_exclusive(tmp_path / "new.yaml", b"argmap: 1\n")
        atomic_write(tmp_path / "written.yaml", b"argmap: 1\n")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / "written.yaml").stat().st_mode) == 0o640


def test_an_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(b"old\n")
    path.chmod(0o604)
    atomic_write(path, b"new\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o604
    assert path.read_bytes() == b"new\n"


def test_threads_check_evaluate_render_and_write_at_once(tmp_path: Path) -> None:
    stderr_before = os.fstat(2)
    expected = diagram_bytes(check_file(str(BUNDLED)).graph, ImageFormat.SVG)  # type: ignore[arg-type]
    start = threading.Barrier(6)

    def work(index: int) -> bytes:
        start.wait()
        checked = check_file(str(BUNDLED))
        assert checked.graph is not None and not checked.errors
        assert evaluate(checked.graph).answer.value == "no"
        svg = diagram_bytes(checked.graph, ImageFormat.SVG)
        atomic_write(tmp_path / f"out{index}.svg", svg)
        return svg

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(work, range(6)))
    assert all(result == expected for result in results)
    assert all((tmp_path / f"out{index}.svg").read_bytes() == expected for index in range(6))
    after = os.fstat(2)
    assert (after.st_dev, after.st_ino) == (stderr_before.st_dev, stderr_before.st_ino)


def test_the_command_pauses_the_collector_and_restores_it() -> None:
    # The `argmap` command (its entry point) is where the pause lives: check it still happens.
    program = (
        "import gc, sys\n"
        "from argmap.cli import main\n"
        "import argmap.read.document as document\n"
        "seen = []\n"
        "original = document.check_text\n"
        "def spy(*args, **kwargs):\n"
        "    seen.append(gc.isenabled())\n"
        "    return original(*args, **kwargs)\n"
        "document.check_text = spy\n"
        f"sys.argv = ['argmap', 'validate', {str(BUNDLED)!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exit:\n"
        "    print(exit.code, seen, gc.isenabled())\n"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.stdout.splitlines()[-1] == "0 [False] True", result.stdout + result.stderr
