"""Content-addressed cache, the one mechanism of every stage (tagging, reuse, claims).

Each stage keeps one SQLite file under ``<cache_dir>/<stage>/<version>.sqlite``
mapping a key (content hashes of the articles involved) to a pickled value. The
version is a hash of the stage's code and resources, so a change in either starts
a fresh file. The cache only ever holds what this suite computed itself on this
machine; it is a speed-up, never a source of truth: a missing or unreadable file
means everything is recomputed.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sqlite3
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

from sahel_utils.core import paths

#: Files of a package folder that take part in its version (code and vocabulary).
VERSIONED_SUFFIXES = frozenset({".py", ".yaml", ".yml", ".csv", ".jsonl", ".json", ".txt"})


def _package_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and p.suffix in VERSIONED_SUFFIXES and "__pycache__" not in p.parts
    )


def stage_version(stage: str, *extra: str, libraries: Iterable[str] = ()) -> str:
    """Version of a stage: a hash of its code and resources and of every earlier stage's.

    Every file of ``core`` and of the stage packages up to ``stage`` (in
    :data:`paths.STAGES` order) is hashed with its path relative to the
    ``sahel_utils`` folder, so editing, adding, removing or renaming any module or
    resource of a stage changes its version and the versions of the later stages,
    and no others. Nothing is listed by hand.

    Args:
        stage: A name of :data:`paths.STAGES`.
        *extra: Settings that change results without being files (e.g. a seed).
        libraries: Distribution names whose installed version takes part.

    Returns:
        16 hex digits.

    Raises:
        ValueError: ``stage`` is not a stage name.

    """
    if stage not in paths.STAGES:
        raise ValueError(f"unknown stage {stage!r}; stages are {', '.join(paths.STAGES)}")
    folders = ["core", *paths.STAGES[: paths.STAGES.index(stage) + 1]]
    digest = hashlib.sha256()
    for folder in folders:
        for path in _package_files(paths.PACKAGE_DIR / folder):
            digest.update(path.relative_to(paths.PACKAGE_DIR).as_posix().encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    for setting in extra:
        digest.update(f"extra:{setting}".encode())
    for name in libraries:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=?".encode())
    return digest.hexdigest()[:16]


#: Values written to the cache file at once (so an interrupted stage keeps most of its work).
WRITE_BATCH = 256


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

    def stored_keys(self, keys: Iterable[str]) -> set[str]:
        """Those of ``keys`` that have a stored value (values are not read)."""
        if self._db is None:
            return set()
        wanted = list(dict.fromkeys(keys))
        found: set[str] = set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            try:
                rows = self._db.execute(f"SELECT key FROM kv WHERE key IN ({marks})", chunk)
                found.update(key for (key,) in rows)
            except sqlite3.Error:
                continue
        return found

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` under ``key`` (written in batches, and on :meth:`flush`)."""
        if self._db is not None:
            self._pending.append((key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)))
            if len(self._pending) >= WRITE_BATCH:
                self._write_pending()

    def _write_pending(self) -> None:
        if self._db is None or not self._pending:
            return
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO kv (key, value) VALUES (?, ?)", self._pending
                )
        except sqlite3.Error:
            pass  # a cache that cannot be written only costs time: everything is recomputed
        finally:
            self._pending = []

    def flush(self) -> None:
        """Write pending values and close the file."""
        if self._db is None:
            return
        try:
            self._write_pending()
        finally:
            self._db.close()
            self._db = None


def key_of(*parts: str) -> str:
    """One cache key from several strings (hashes, dates)."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


#: File of the cache folder listing the input files of the last build (size, mtime).
INPUTS_FILE = "inputs.json"


def input_files(inputs: Iterable[Path | str]) -> dict[str, list[int]]:
    """``{resolved path: [size, mtime in ns]}`` of every file under ``inputs``.

    A cheap listing (no file is read) that says whether a build may find new texts
    before any stage module is imported.
    """
    found: dict[str, list[int]] = {}
    for item in inputs:
        path = Path(item)
        files = (p for p in path.rglob("*")) if path.is_dir() else iter([path])
        for file in files:
            try:
                stat = file.stat()
            except OSError:
                continue
            if not file.is_dir():
                found[str(file.resolve())] = [stat.st_size, stat.st_mtime_ns]
    return found


def inputs_added(inputs: Iterable[Path | str], cache_dir: Path | None) -> bool:
    """True when some input file is new or changed since the last build with this cache.

    Also True when the cache holds no listing yet (a first build). Removed files do
    not count: they bring nothing to tag.
    """
    if cache_dir is None:
        return False
    try:
        known = json.loads((Path(cache_dir) / INPUTS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return True
    return any(known.get(name) != seen for name, seen in input_files(inputs).items())


def save_input_files(inputs: Iterable[Path | str], cache_dir: Path | None) -> None:
    """Note the input files of a finished build (see :func:`inputs_added`); best effort."""
    if cache_dir is None:
        return
    target = Path(cache_dir) / INPUTS_FILE
    try:
        known = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    known.update(input_files(inputs))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{INPUTS_FILE}.{os.getpid()}")
        temporary.write_text(json.dumps(known), encoding="utf-8")
        temporary.replace(target)
    except OSError:
        pass


__all__ = [
    "StageCache",
    "input_files",
    "inputs_added",
    "key_of",
    "save_input_files",
    "stage_version",
]
