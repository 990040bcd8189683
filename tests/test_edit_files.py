"""Safe writes: atomic replacement, permissions kept, a killed writer, concurrent adds, the lock."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from conftest import MINIMAL_MAP, run_cli

from argmap import files
from argmap.files import LockTimeoutError, atomic_write, create_exclusive, locked

ARGMAP = [sys.executable, "-m", "argmap"]


def test_atomic_write_replaces_content_and_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_bytes(b"old")
    path.chmod(0o640)
    atomic_write(path, b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.yaml"]


def test_atomic_write_through_a_symlink_updates_the_target(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_bytes(b"old")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    atomic_write(link, b"new")
    assert link.is_symlink()
    assert target.read_bytes() == b"new"


def test_a_crash_between_write_and_rename_leaves_the_original(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "map.yaml"
    path.write_bytes(b"original")

    def crash(self: Path, target: Path) -> None:
        raise OSError("disk on fire")

    monkeypatch.setattr(Path, "replace", crash)
    with pytest.raises(OSError, match="disk on fire"):
        atomic_write(path, b"x" * 1000)
    assert path.read_bytes() == b"original"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.yaml"]


def test_a_writer_killed_mid_write_leaves_the_original_intact(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    original = MINIMAL_MAP.encode()
    path.write_bytes(original)
    # The child writes a large payload through a slow file object, so it is surely mid-write
    # when it is killed.
    script = textwrap.dedent(f"""
        import os, time
        from argmap import files
        real_fdopen = os.fdopen
        class Slow:
            def __init__(self, handle): self.handle = handle
            def __enter__(self): return self
            def __exit__(self, *exc): self.handle.close()
            def write(self, data):
                for start in range(0, len(data), 1 << 16):
                    self.handle.write(data[start:start + (1 << 16)]); self.handle.flush()
                    time.sleep(0.01)
            def flush(self): self.handle.flush()
            def fileno(self): return self.handle.fileno()
        os.fdopen = lambda fd, mode: Slow(real_fdopen(fd, mode))
        files.atomic_write({str(path)!r}, b"y" * (64 << 20))
    """)
    child = subprocess.Popen([sys.executable, "-c", script], cwd=Path(__file__).parent.parent)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        partial = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        if partial and partial[0].stat().st_size > (1 << 20):
            break
        time.sleep(0.01)
    else:  # pragma: no cover - diagnostic
        child.kill()
        pytest.fail("the writer never started writing")
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL
    assert path.read_bytes() == original


def test_create_exclusive_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    create_exclusive(path, b"first")
    with pytest.raises(FileExistsError):
        create_exclusive(path, b"second")
    assert path.read_bytes() == b"first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.yaml"]


def test_the_lock_times_out_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MINIMAL_MAP)
    with locked(path), pytest.raises(LockTimeoutError) as caught, locked(path, timeout=0.1):
        pass  # pragma: no cover
    assert str(caught.value) == (
        f"{path} is being edited by another argmap command: waited 0.1s for it to finish; "
        "try again when it has finished")


def test_a_locked_map_refuses_an_add_with_exit_2_and_stays_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MINIMAL_MAP)
    before = path.read_bytes()
    with locked(path):
        result = run_cli(["add", "claim", str(path), "--text", "Blocked."],
                         env={"ARGMAP_LOCK_TIMEOUT": "0.2"})
    assert result.exit_code == 2
    assert result.stderr == (
        f"argmap: {path} is being edited by another argmap command: waited 0.2s for it to finish; "
        f"try again when it has finished; {path} not changed\n")
    assert path.read_bytes() == before


def test_a_waiting_edit_locks_the_file_that_replaced_the_one_it_waited_for(tmp_path: Path) -> None:
    """An edit replaces the map by a rename. Whoever waited on the old file must then hold the
    lock of the new one, or a third edit could run alongside it."""
    path = tmp_path / "map.yaml"
    path.write_text(MINIMAL_MAP)
    entered, leave = threading.Event(), threading.Event()

    def waiter() -> None:
        with locked(path, timeout=10):
            entered.set()
            leave.wait(10)

    with locked(path):
        thread = threading.Thread(target=waiter)
        thread.start()
        time.sleep(0.1)
        assert not entered.is_set()
        atomic_write(path, MINIMAL_MAP.encode())  # a new file at the path, as an edit leaves it
    assert entered.wait(10)
    try:
        with pytest.raises(LockTimeoutError), locked(path, timeout=0.1):
            pass  # pragma: no cover
    finally:
        leave.set()
        thread.join()
    with locked(path, timeout=0.1):
        pass


def test_concurrent_adds_all_land(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MINIMAL_MAP)
    count = 8
    children = [
        subprocess.Popen([*ARGMAP, "add", "claim", str(path), "--text", "The IMU is hostile, again.",
                          "--supports", "threat-imminent"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=Path(__file__).parent.parent,
                         env={**os.environ, "ARGMAP_LOCK_TIMEOUT": "60"})
        for _ in range(count)
    ]
    outputs = [child.communicate(timeout=120) for child in children]
    assert [child.returncode for child in children] == [0] * count, outputs
    text = path.read_text()
    ids = ["the-imu-is-hostile-again"] + [f"the-imu-is-hostile-again-{n}" for n in range(2, count + 1)]
    for new_id in ids:
        assert f"\n  {new_id}:\n" in text
    assert sorted(out.decode().split("'")[1] for out, _ in outputs) == sorted(ids)
    result = run_cli(["validate", str(path)])
    assert result.exit_code == 0, result.output


def test_an_edit_leaves_nothing_beside_the_map(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MINIMAL_MAP)
    result = run_cli(["add", "claim", str(path), "--text", "Tidy.", "--supports", "threat-imminent"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.yaml"]


def test_a_dry_run_takes_no_lock_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MINIMAL_MAP)
    with locked(path):  # held by another edit: a dry run does not wait for it
        result = run_cli(["add", "claim", str(path), "--text", "Just looking.", "--supports", "threat-imminent",
                          "--dry-run"], env={"ARGMAP_LOCK_TIMEOUT": "0.1"})
    assert result.exit_code == 0, result.output
    assert "+  just-looking:\n" in result.stdout
    assert path.read_text() == MINIMAL_MAP
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.yaml"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
@pytest.mark.parametrize("read_only", ["folder", "file-and-folder"])
def test_a_read_only_folder_is_a_clear_error_with_exit_2(tmp_path: Path, read_only: str) -> None:
    folder = tmp_path / "maps"
    folder.mkdir()
    path = folder / "map.yaml"
    path.write_text(MINIMAL_MAP)
    if read_only == "file-and-folder":
        path.chmod(0o444)
    folder.chmod(0o555)
    try:
        result = run_cli(["add", "claim", str(path), "--text", "Nowhere to go.", "--supports", "threat-imminent"])
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"argmap: cannot write {path}: Permission denied; {path} not changed\n"
                             "  hint: check that the file and its folder are writable\n")
    assert path.read_text() == MINIMAL_MAP
    assert sorted(p.name for p in folder.iterdir()) == ["map.yaml"]


def test_a_failed_write_is_a_clear_error_with_exit_2_even_as_root(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The same refusal where permissions do not stop root: the folder refuses the temporary file."""
    path = tmp_path / "map.yaml"
    path.write_text(MINIMAL_MAP)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    # The temporary file beside the map is where the write starts (argmap.files._create_unique).
    monkeypatch.setattr(files, "_create_unique", refuse)
    result = run_cli(["add", "claim", str(path), "--text", "Nowhere to go.", "--supports", "threat-imminent"])
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"argmap: cannot write {path}: Permission denied; {path} not changed\n"
                             "  hint: check that the file and its folder are writable\n")
    assert path.read_text() == MINIMAL_MAP
