"""`argmap watch`: the loop with injected events, and once with the real watcher."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from conftest import MINIMAL_MAP, run_cli

from argmap.cli import watching as watch


def test_each_batch_touching_the_map_triggers_a_round(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MINIMAL_MAP)
    reports: list[watch.Report] = []
    rendered: list[tuple[str, str | None]] = []

    def renderer(_graph: object, map_path: str, output: str | None) -> str:
        rendered.append((map_path, output))
        return str(tmp_path / "m.svg")

    def batches():  # type: ignore[no-untyped-def]
        yield {(1, str(tmp_path / "other.txt"))}  # not the map: ignored
        path.write_text(MINIMAL_MAP.replace("supports: [imu-hostile]", "supports: [nowhere]"))
        yield {(2, str(path))}
        path.write_text(MINIMAL_MAP)
        yield {(2, str(path)), (1, str(tmp_path / "x"))}

    rounds = watch.run(str(path), None, reports.append, batches(), renderer)
    assert rounds == 3
    assert [r.ok for r in reports] == [True, False, True]
    assert reports[0].lines[-1] == f"diagram: {tmp_path / 'm.svg'}"
    assert any("E201 'nowhere' is not defined" in line for line in reports[1].lines)
    assert len(rendered) == 2  # not rendered while invalid


def test_a_failing_renderer_is_reported_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MINIMAL_MAP)

    def broken(_graph: object, _path: str, _output: str | None) -> str:
        raise RuntimeError("no graphviz")

    report = watch.refresh(str(path), None, broken)
    assert not report.ok
    assert report.lines[-1] == f"argmap: could not render {path}: no graphviz"


def test_the_usual_renderer_writes_the_diagram_beside_the_map(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MINIMAL_MAP)
    report = watch.refresh(str(path), None, watch.draw)
    assert report.ok
    assert report.lines[-1] == f"diagram: {tmp_path / 'm.svg'}"
    assert (tmp_path / "m.svg").read_bytes().startswith(b"<?xml")


def test_the_real_watcher_sees_a_save(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MINIMAL_MAP)
    reports: list[watch.Report] = []
    stop = threading.Event()
    thread = threading.Thread(target=watch.watch, args=(str(path), None, reports.append),
                              kwargs={"renderer": None, "stop": stop}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not reports and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # let the watcher start before saving
    path.write_text(MINIMAL_MAP.replace("supports: [imu-hostile]", "supports: [nowhere]"))
    while len(reports) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    thread.join(timeout=5)
    assert len(reports) >= 2
    assert not reports[-1].ok


def test_watch_refuses_a_missing_file(tmp_path: Path) -> None:
    result = run_cli(["watch", str(tmp_path / "absent.yaml")])
    assert result.exit_code == 2
    assert result.stderr == f"argmap: {tmp_path / 'absent.yaml'} is not a file\n"


def test_ctrl_c_stops_cleanly(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    path = tmp_path / "m.yaml"
    path.write_text(MINIMAL_MAP)
    child = subprocess.Popen([sys.executable, "-m", "argmap", "watch", str(path)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, cwd=Path(__file__).parent.parent,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    # Interrupt only once the first round has been shown: on a loaded machine the first render
    # can outlast any fixed pause, and the test is about stopping a watch that is waiting.
    deadline = time.monotonic() + 60
    assert child.stderr is not None and child.stdout is not None
    started = b""
    while b"watching" not in started and time.monotonic() < deadline:
        started += child.stderr.readline()
    shown = b""
    while f"{path}: valid".encode() not in shown and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        shown += line
    assert f"{path}: valid".encode() in shown
    time.sleep(0.3)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=10)
    assert child.returncode == 0
    assert err.decode().endswith("argmap: stopped watching\n")
    assert b"Traceback" not in started + err + shown + out
