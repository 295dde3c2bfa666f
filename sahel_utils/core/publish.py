"""Publish a build's output folder whole: staging folder, one atomic swap, a lock.

A build writes every table and its summary into a staging folder beside the
output folder, then swaps the two in one ``renameat2(RENAME_EXCHANGE)`` call, so
a reader of the output folder sees the previous build or the new one, never a
mix, whenever the build is interrupted (Ctrl-C, kill -9, a full disk). Where the
kernel or the file system cannot exchange two folders, two renames are used and
an interrupted swap is repaired by the next build (and by :func:`recover`).

A lock file beside the output folder lets one build at a time write to it; a
second build stops at once with :class:`OutputLocked` naming the holder.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: ``renameat2`` flag: swap two existing paths atomically (Linux >= 3.15).
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class OutputLocked(RuntimeError):
    """Another build is writing to the same output folder."""


def _sibling(out_dir: Path, kind: str) -> str:
    return f".{out_dir.name}.{kind}-"


def _exchange(a: Path, b: Path) -> bool:
    """Swap two existing folders atomically; False when the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(a))


def recover(out_dir: Path) -> None:
    """Repair a swap that two plain renames left half done (no-op otherwise)."""
    if out_dir.exists():
        return
    previous = sorted(out_dir.parent.glob(_sibling(out_dir, "previous") + "*"))
    if previous:
        os.rename(previous[-1], out_dir)


def clean_stale(out_dir: Path) -> list[Path]:
    """Remove what interrupted builds left: staging and previous folders, temp files.

    Call it while holding the lock. Returns what was removed.
    """
    recover(out_dir)
    removed = []
    for kind in ("staging", "previous"):
        for path in out_dir.parent.glob(_sibling(out_dir, kind) + "*"):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    if out_dir.is_dir():
        for path in out_dir.glob(".*.tmp"):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


@contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Hold the output folder's lock for the block; raise :class:`OutputLocked` if taken."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    lock_path = out_dir.parent / f".{out_dir.name}.lock"
    handle = open(lock_path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the block
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise OutputLocked(
                f"another build ({holder}) is writing to {out_dir}; wait for it to finish "
                "or choose another --out"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        yield
    finally:
        handle.close()


def new_staging(out_dir: Path) -> Path:
    """A fresh, empty staging folder beside ``out_dir`` (same file system)."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=_sibling(out_dir, "staging"), dir=out_dir.parent))


def swap_in(staging: Path, out_dir: Path, produced: set[str]) -> None:
    """Make ``staging`` the output folder in one step and delete the previous build.

    Files of the previous folder that no build produces (a ``.gitkeep``, a user's
    notes) are carried over first.

    Args:
        staging: The complete new build.
        out_dir: The output folder readers use.
        produced: File names a build writes (others are carried over).

    """
    os.chmod(staging, 0o755)
    if not out_dir.exists():
        os.rename(staging, out_dir)
        return
    for entry in out_dir.iterdir():
        if entry.name in produced or entry.name.endswith(".tmp"):
            continue
        target = staging / entry.name
        if entry.is_dir():
            shutil.copytree(entry, target, dirs_exist_ok=True)
        else:
            shutil.copy2(entry, target)
    if _exchange(staging, out_dir):
        shutil.rmtree(staging, ignore_errors=True)
        return
    previous = Path(tempfile.mkdtemp(prefix=_sibling(out_dir, "previous"), dir=out_dir.parent))
    previous.rmdir()
    os.rename(out_dir, previous)
    os.rename(staging, out_dir)
    shutil.rmtree(previous, ignore_errors=True)


__all__ = ["OutputLocked", "clean_stale", "new_staging", "output_lock", "recover", "swap_in"]
