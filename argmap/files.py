"""Writing a map file safely: atomically, keeping its permissions, under a lock.

A write goes to a temporary file in the same folder, is flushed to disk, and
is then renamed over the original, so a reader (or a crash) sees either the
old file or the new one, never half of either. A lock file beside the map
makes concurrent edits take turns instead of overwriting each other.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import filelock

DEFAULT_LOCK_TIMEOUT = 10.0
"""Seconds to wait for another argmap edit of the same file to finish."""


class LockTimeoutError(Exception):
    """Another process held the map's lock for longer than the timeout."""

    def __init__(self, path: Path, lock_path: Path, timeout: float):
        super().__init__(
            f"{path} is being edited by another argmap command: waited {timeout:g}s for its lock "
            f"({lock_path}); try again when it has finished"
        )
        self.path = path
        self.lock_path = lock_path


def real_path(path: str | os.PathLike[str]) -> Path:
    """The file a path finally names, so that writing through a symlink updates its target."""
    return Path(os.path.realpath(path))


def lock_path_for(path: Path) -> Path:
    # Hidden, so that it stays out of the way in folder listings; it is left behind after an
    # edit because deleting a lock file another process may be opening is a race.
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def locked(path: str | os.PathLike[str], timeout: float = DEFAULT_LOCK_TIMEOUT) -> Iterator[Path]:
    """Hold the lock of the map at `path` (the hidden file `.<name>.lock` beside it) for the block.

    Yields the map's real path. The lock is an OS-level lock on the lock file,
    so a crashed process never leaves a stale lock behind.
    """
    target = real_path(path)
    lock_file = lock_path_for(target)
    lock = filelock.FileLock(str(lock_file), timeout=timeout)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise LockTimeoutError(Path(path), lock_file, timeout) from None
    try:
        yield target
    finally:
        lock.release()


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
