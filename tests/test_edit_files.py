"""Safe writes: atomic replacement, permissions kept, a killed writer, concurrent adds, the lock."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import filelock
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
    holder = filelock.FileLock(str(tmp_path / ".map.yaml.lock"))
    with holder, pytest.raises(LockTimeoutError) as caught, locked(path, timeout=0.1):
        pass  # pragma: no cover
    assert str(caught.value) == (
        f"{path} is being edited by another argmap command: waited 0.1s for its lock "
        f"({tmp_path / '.map.yaml.lock'}); try again when it has finished")


def test_a_locked_map_refuses_an_add_and_stays_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MINIMAL_MAP)
    before = path.read_bytes()
    with filelock.FileLock(str(tmp_path / ".map.yaml.lock")):
        result = run_cli(["add", "claim", str(path), "--text", "Blocked."],
                         env={"ARGMAP_LOCK_TIMEOUT": "0.2"})
    assert result.exit_code == 2  # not a problem of the map: try again later
    assert result.stderr == (
        f"argmap: {path} is being edited by another argmap command: waited 0.2s for its lock "
        f"({tmp_path / '.map.yaml.lock'}); try again when it has finished; {path} not changed\n")
    assert path.read_bytes() == before


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


def test_lock_files_sit_beside_the_map(tmp_path: Path) -> None:
    assert files.lock_path_for(tmp_path / "a.yaml") == tmp_path / ".a.yaml.lock"
