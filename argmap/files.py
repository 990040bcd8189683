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
import time
from collections.abc import Iterator
from pathlib import Path

from argmap.errors import InputError, OutputError

DEFAULT_LOCK_TIMEOUT = 10.0
"""Seconds to wait for another argmap edit of the same file to finish."""


class LockTimeoutError(OutputError):
    """Another process held the map's lock for longer than the timeout (exit 2: try again later)."""

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
    with _temporary_copy(target, folder, data, mode) as temporary:
        temporary.replace(target)
    _sync_folder(folder)


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
    with _temporary_copy(target, folder, data, None) as temporary:
        os.link(temporary, target)
    _sync_folder(folder)


@contextlib.contextmanager
def _temporary_copy(target: Path, folder: Path, data: bytes, mode: int | None) -> Iterator[Path]:
    """`data` in a fully written, synced temporary file beside `target`, for the block to move
    into place; whatever is left of it afterwards (after a failure, or a hard link) is removed.

    With `mode` None the file gets the mode a new file gets (0o666 less the umask), from
    the kernel itself: reading the umask means setting it, which is process-wide.
    """
    descriptor, temporary = _create_unique(folder, f".{target.name}.")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            temporary.chmod(mode)
        yield temporary
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()


def check_output(path: str | os.PathLike[str], *, inputs: tuple[str, ...] = ()) -> os.stat_result | None:
    """Refuse (`OutputError`) an output that would destroy what the user owns; return its status.

    Refused: one of `inputs` (by resolved path, or as the same file through a hard link: same
    device and inode), a folder, a block device, a socket. Returns the output's `stat` when it
    exists, None when it does not yet.
    """
    target = Path(path)
    try:
        found = target.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(f"cannot write '{target}': {exc.strerror or exc}") from exc
    for name in inputs:
        if name == "-":
            continue
        try:
            source = Path(name).stat()
        except OSError:
            continue
        if real_path(name) == real_path(target) or (source.st_dev, source.st_ino) == (found.st_dev, found.st_ino):
            raise OutputError(f"refusing to write '{target}': it is the input map '{name}'",
                              hint="choose another output with -o")
    kind = found.st_mode
    if not (stat.S_ISREG(kind) or stat.S_ISFIFO(kind) or stat.S_ISCHR(kind)):
        what = "a folder" if stat.S_ISDIR(kind) else "not a regular file"
        raise OutputError(f"cannot write '{target}': it is {what}",
                          hint="name a file to write, or '-' for standard output")
    return found


def write_output(path: str | os.PathLike[str], data: bytes, *, inputs: tuple[str, ...] = ()) -> None:
    """Write a command's output file without ever destroying what the user owns.

    What `check_output` refuses is refused. A FIFO or a character device (`/dev/null`, a
    terminal) is written into, never replaced; anything else (a regular file, or nothing yet)
    is written atomically.
    """
    target = Path(path)
    found = check_output(target, inputs=inputs)
    if found is not None and (stat.S_ISFIFO(found.st_mode) or stat.S_ISCHR(found.st_mode)):
        _write_into(target, data)
        return
    try:
        atomic_write(target, data)
    except OSError as exc:
        raise OutputError(f"cannot write '{target}': {exc.strerror or exc}") from exc


def _write_into(target: Path, data: bytes) -> None:
    """Write into a FIFO or character device as it is: no temporary file, no rename."""
    try:
        descriptor = os.open(target, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise OutputError(f"cannot write '{target}': {exc.strerror or exc}") from exc


class NotARegularFileError(InputError):
    """An input names a FIFO, a device, a socket or a folder: reading it could block or never end."""


class TooLargeError(InputError):
    """An input is larger than the limit for its kind."""


def read_regular_file(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them.

    A FIFO, a device, a socket or a folder is refused at once (`NotARegularFileError`), without
    waiting for a writer or reading without end; so is a file larger than `limit`
    (`TooLargeError`). Other failures (missing, no permission) raise `OSError`.
    """
    # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer before `fstat`
    # can tell what it is. It does not change how a regular file is read.
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        mode = os.fstat(descriptor).st_mode
    except OSError:  # pragma: no cover - fstat of an open descriptor does not fail in practice
        os.close(descriptor)
        raise
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        raise NotARegularFileError(f"not a regular file ({_kind_of(mode)})")
    with os.fdopen(descriptor, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLargeError(f"larger than {limit >> 20} MiB" if limit >= 1 << 20 else f"larger than {limit} bytes")
    return data


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"  # pragma: no cover - no other kinds on POSIX


def _create_unique(folder: Path, prefix: str) -> tuple[int, Path]:
    """Create a new, empty file with a random name in `folder`, as `tempfile.mkstemp` does,
    but with the mode a new file normally gets instead of 0o600."""
    # Imported here, not above: only writes need it, and it loads OpenSSL, which every read would pay.
    import secrets

    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        candidate = folder / f"{prefix}{secrets.token_hex(6)}.tmp"
        try:
            return os.open(candidate, flags, 0o666), candidate
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")  # pragma: no cover - 2**48 names
