"""Writing a map file safely: atomically, keeping its permissions, under a lock.

A write goes to a temporary file in the same folder, is flushed to disk, and
is then renamed over the original, so a reader (or a crash) sees either the
old file or the new one, never half of either. Concurrent edits take turns
through an OS lock on the map file itself, so nothing is ever left in the
user's folder and a crashed process never leaves a stale lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from argmap.errors import OutputError

DEFAULT_LOCK_TIMEOUT = 10.0
"""Seconds to wait for another argmap edit of the same file to finish."""


class LockTimeoutError(OutputError):
    """Another process held the map's lock for longer than the timeout."""

    def __init__(self, path: Path, timeout: float):
        super().__init__(
            f"{path} is being edited by another argmap command: waited {timeout:g}s for it to finish; "
            "try again when it has finished"
        )
        self.path = path


def real_path(path: str | os.PathLike[str]) -> Path:
    """The file a path finally names, so that writing through a symlink updates its target."""
    return Path(os.path.realpath(path))


@contextlib.contextmanager
def locked(path: str | os.PathLike[str], timeout: float = DEFAULT_LOCK_TIMEOUT) -> Iterator[Path]:
    """Hold the lock of the map at `path` for the block; yields the map's real path.

    The lock is `flock` on the map file itself: no lock file is created, and the
    lock goes with the process that holds it. A write replaces the file (a rename),
    so a process that waited may wake holding the lock of a file that is no longer
    the map; it then locks the file now at the path, and waits its turn again.
    Raises `LockTimeoutError` after `timeout` seconds, and `OSError` if the map
    cannot be opened.
    """
    target = real_path(path)
    deadline = time.monotonic() + timeout
    while True:
        descriptor = os.open(target, os.O_RDONLY | os.O_CLOEXEC | os.O_NOCTTY | os.O_NONBLOCK)
        try:
            _wait_for_lock(descriptor, deadline, Path(path), timeout)
            held = os.fstat(descriptor)
            try:
                current = target.stat()
            except FileNotFoundError:
                current = None
            if current is not None and (current.st_dev, current.st_ino) == (held.st_dev, held.st_ino):
                yield target
                return
        finally:
            os.close(descriptor)  # closing the file releases the lock


def _wait_for_lock(descriptor: int, deadline: float, path: Path, timeout: float) -> None:
    delay = 0.002
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise LockTimeoutError(path, timeout) from None
            time.sleep(delay)
            delay = min(delay * 2, 0.05)


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace the content of `path` with `data`, all at once or not at all.

    The file keeps its permission bits (a new file gets the usual umask-based
    ones). If anything fails before the rename, the original is untouched and
    the temporary file is removed.
    """
    target = real_path(path)
    folder = target.parent
    try:
        mode: int | None = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    with _temporary_copy(target, folder, data, mode if mode is not None else _default_mode()) as temporary:
        temporary.replace(target)
    _sync_folder(folder)


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the platform allows opening a folder)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(descriptor)
    except OSError:  # pragma: no cover - some filesystems refuse
        pass
    finally:
        os.close(descriptor)


def create_exclusive(path: str | os.PathLike[str], data: bytes) -> None:
    """Write a new file at `path`, complete or not at all; FileExistsError if it already exists.

    The content is written to a temporary file first and then hard-linked into
    place, which fails rather than replaces when the name is taken.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path()
    with _temporary_copy(target, folder, data, _default_mode()) as temporary:
        os.link(temporary, target)
    _sync_folder(folder)


@contextlib.contextmanager
def _temporary_copy(target: Path, folder: Path, data: bytes, mode: int) -> Iterator[Path]:
    """`data` in a fully written, synced temporary file beside `target`, for the block to move
    into place; whatever is left of it afterwards (after a failure, or a hard link) is removed."""
    descriptor, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.chmod(mode)
        yield temporary
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()
