"""Content-addressed cache for the stages after tagging (reuse, claims).

Each stage keeps one SQLite file under ``<cache_dir>/<stage>/<version>.sqlite``
mapping a key (content hashes of the articles involved) to a pickled value. The
version is a hash of the stage's code and resources, so a change in either starts
a fresh file. The cache only ever holds what this suite computed itself on this
machine; it is a speed-up, never a source of truth: a missing or unreadable file
means everything is recomputed.
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

from sahel_utils import paths


def source_version(*parts: str | Path, packages: Iterable[str] = ()) -> str:
    """A short hash of some source/resource files and package versions.

    Args:
        *parts: Files (paths, or names relative to the ``sahel_utils`` package) or
            plain strings (e.g. another stage's version).
        packages: Distribution names whose installed version takes part.

    Returns:
        16 hex digits.

    """
    digest = hashlib.sha256()
    package_dir = Path(__file__).parent
    for part in parts:
        path = part if isinstance(part, Path) else package_dir / part
        if isinstance(part, Path) or path.suffix in {".py", ".yaml", ".csv", ".jsonl"}:
            digest.update(str(part).encode())
            digest.update(path.read_bytes() if path.exists() else b"<missing>")
        else:
            digest.update(str(part).encode())
    for name in packages:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=?".encode())
    return digest.hexdigest()[:16]


def resource(name: str) -> Path:
    """Path of a file of ``resources/fr`` (for :func:`source_version`)."""
    return Path(paths.RESOURCES_FR) / name


class StageCache:
    """Key-value store of pickled results for one stage and one code version.

    With ``cache_dir=None`` it stores nothing and every ``get`` misses.
    """

    def __init__(self, cache_dir: Path | None, stage: str, version: str) -> None:
        self._db: sqlite3.Connection | None = None
        self._pending: list[tuple[str, bytes]] = []
        if cache_dir is None:
            return
        folder = Path(cache_dir) / stage
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(folder / f"{version}.sqlite")
            self._db.execute("CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value BLOB)")
        except (OSError, sqlite3.Error):
            self._db = None

    @property
    def enabled(self) -> bool:
        """True when results are stored."""
        return self._db is not None

    def get_many(self, keys: Iterable[str]) -> dict[str, Any]:
        """Cached values of those ``keys`` that are stored."""
        if self._db is None:
            return {}
        wanted = list(dict.fromkeys(keys))
        found: dict[str, Any] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            try:
                rows = self._db.execute(f"SELECT key, value FROM kv WHERE key IN ({marks})", chunk)
                for key, blob in rows:
                    found[key] = pickle.loads(blob)
            except (sqlite3.Error, pickle.UnpicklingError, EOFError):
                continue
        return found

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` under ``key`` (written on :meth:`flush`)."""
        if self._db is not None:
            self._pending.append((key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)))

    def flush(self) -> None:
        """Write pending values and close the file."""
        if self._db is None:
            return
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO kv (key, value) VALUES (?, ?)", self._pending
                )
        except sqlite3.Error:
            pass
        finally:
            self._pending = []
            self._db.close()
            self._db = None


def key_of(*parts: str) -> str:
    """One cache key from several strings (hashes, dates)."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


__all__ = ["StageCache", "source_version", "resource", "key_of"]
