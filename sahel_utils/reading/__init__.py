"""Readers: raw files (page dumps, Nexis Uni exports, HTML, JSON Lines) to tables.

``parse_inputs`` takes files and/or folders, detects each file's encoding and
format, and returns the ``articles`` and ``segments`` tables plus one
``Problem`` per file that could not be read (or was read with a caveat, such
as an article not in French). Raw files are only ever opened for reading.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import stat
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from sahel_utils.core.cache import StageCache, key_of, stage_version
from sahel_utils.core.tables import SCHEMAS
from sahel_utils.reading import detect, encoding
from sahel_utils.reading.boilerplate import load_vocabulary
from sahel_utils.reading.common import ArticleDraft, article_row, detect_language, segment_rows
from sahel_utils.reading.html import parse_html
from sahel_utils.reading.jsonl import parse_jsonl
from sahel_utils.reading.nexis import parse_nexis
from sahel_utils.reading.pagedump import parse_page_dump

NAME = "reading"
INPUTS: tuple[str, ...] = ()  # raw files: page dumps, Nexis exports, HTML, JSON Lines
OUTPUTS: tuple[str, ...] = ("articles", "segments")


def version() -> str:
    """Content hash of this stage's code and resources and of the stages before it."""
    return stage_version(NAME)


__all__ = [
    "InputFile",
    "ParseResult",
    "Problem",
    "iter_input_files",
    "parse_file",
    "parse_inputs",
    "refusal",
    "source_names",
    "walk_inputs",
]

FRENCH = "fr"
_SKIPPED_NAMES = ("readme", "license", "licence", "changelog")


@dataclass(frozen=True)
class Problem:
    """A file that could not be read, or was read with a caveat (``skipped=False``)."""

    file: str
    reason: str
    skipped: bool

    def __str__(self) -> str:
        status = "skipped" if self.skipped else "read"
        return f"{self.file}: {self.reason} ({status})"


@dataclass
class ParseResult:
    """What ``parse_inputs`` found: the two tables, the problems and the files read.

    ``files_read`` lists the files that gave at least one article, in input order.
    """

    articles: pd.DataFrame
    segments: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    files_read: list[str] = field(default_factory=list)


def _is_data_file(path: Path) -> bool:
    name = path.name.lower()
    return not name.startswith((".", "~")) and not name.startswith(_SKIPPED_NAMES)


@dataclass(frozen=True)
class InputFile:
    """A path met among the inputs: a file to read, or one refused with its reason."""

    path: Path
    root: Path
    refused: str | None = None
    given: bool = False  # named in the inputs (not found in a folder)


def refusal(path: Path) -> str | None:
    """Why ``path`` is not read as a file (None for a readable regular file).

    Named pipes, devices and sockets are refused up front, before any
    ``open`` (opening a pipe waits for a writer forever).
    """
    try:
        mode = path.stat().st_mode
    except OSError as err:
        return f"cannot be opened: {err.strerror or err}"
    if stat.S_ISFIFO(mode):
        return "a named pipe, not a file: refused (reading it could wait forever)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file: refused"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file: refused"
    if stat.S_ISDIR(mode):
        return None
    if not stat.S_ISREG(mode):
        return "not a regular file: refused"
    if not os.access(path, os.R_OK):
        return "cannot be opened: permission denied"
    return None


def _walk(folder: Path, found: list[Path], refused: list[InputFile], root: Path) -> None:
    """Files under ``folder`` (hidden names left out); unreadable folders are noted."""
    try:
        entries = list(os.scandir(folder))
    except OSError as err:
        refused.append(InputFile(folder, root, f"folder cannot be listed: {err.strerror or err}"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir():
                if entry.is_symlink() and path.resolve().is_relative_to(root.resolve()):
                    continue  # a link back into the tree: its files are met anyway
                if not os.access(path, os.R_OK | os.X_OK):
                    refused.append(InputFile(path, root, "folder cannot be entered"))
                    continue
                _walk(path, found, refused, root)
                continue
            if not _is_data_file(path):
                continue
            why = refusal(path)
        except OSError as err:
            why = f"cannot be entered: {err.strerror or err}"
        if why:
            refused.append(InputFile(path, root, why))
        else:
            found.append(path)


def walk_inputs(inputs: Iterable[Path | str]) -> Iterator[InputFile]:
    """Every input file as ``InputFile``: folders walked recursively, sorted; refusals kept.

    Files given explicitly are always read (unless refused); inside folders,
    hidden files and README/LICENSE files are left out. A folder that cannot
    be listed or entered, a named pipe, a device or a socket is yielded with
    its reason in ``refused`` and never opened.
    """
    seen: set[Path] = set()
    for item in inputs:
        path = Path(item)
        why = refusal(path)
        if why is None and path.is_dir():
            found: list[Path] = []
            refused: list[InputFile] = []
            _walk(path, found, refused, path)
            yield from refused
            for f in sorted(found, key=lambda p: p.relative_to(path).as_posix()):
                if f.resolve() not in seen:
                    seen.add(f.resolve())
                    yield InputFile(f, path)
        elif why is not None and not path.exists() and not path.is_symlink():
            yield InputFile(path, path.parent, given=True)  # reading it says it is missing
        elif path.resolve() not in seen:
            seen.add(path.resolve())
            yield InputFile(path, path.parent, why, given=True)


def iter_input_files(inputs: Iterable[Path | str]) -> Iterator[tuple[Path, Path]]:
    """Yield ``(file, root)`` for each readable input file (see ``walk_inputs``)."""
    for item in walk_inputs(inputs):
        if item.refused is None:
            yield item.path, item.root


def source_names(paths: list[Path]) -> dict[Path, str]:
    """The ``source_file`` name of each input file: unique and stable.

    A file keeps its plain name when no other input has the same one (so ids do
    not change when inputs are added elsewhere); files sharing a name are named
    by their path relative to the common folder of all inputs
    (``d1/export.txt``, ``d2/export.txt``).
    """
    counts = Counter(p.name for p in paths)
    resolved = {p: p.resolve() for p in paths}
    folders = [str(r.parent) for r in resolved.values()]
    common = Path(os.path.commonpath(folders)) if folders else Path()
    names: dict[Path, str] = {}
    used: set[str] = set()
    for p in paths:
        name = p.name
        if counts[name] > 1:
            r = resolved[p]
            name = r.relative_to(common).as_posix() if r.is_relative_to(common) else str(r)
        base, n = name, 1
        while name in used:  # the same relative path twice (e.g. two links to one name)
            n += 1
            name = f"{base}~{n}"
        used.add(name)
        names[p] = name
    return names


def parse_file(path: Path) -> tuple[str, Iterator[ArticleDraft]]:
    """Detect encoding and format of one file; return the format and its drafts.

    Raises:
        encoding.UnreadableFile: The file is empty, binary or undecodable.
        OSError: The file cannot be opened.

    """
    enc = encoding.detect_encoding(path)
    head = encoding.read_head(path, enc)
    if not head.strip():
        raise encoding.UnreadableFile("empty file (only blank characters)")
    fmt = detect.detect_format(head)
    vocab = load_vocabulary()
    if fmt == detect.NEXIS:
        drafts = parse_nexis(encoding.iter_lines(path, enc), vocab)
    elif fmt == detect.HTML:
        drafts = parse_html(encoding.read_text(path, enc), vocab)
    elif fmt == detect.JSONL:
        drafts = parse_jsonl(encoding.iter_lines(path, enc), vocab)
    else:
        drafts = parse_page_dump(encoding.iter_lines(path, enc), vocab)
    if enc == encoding.MIXED:
        note = ArticleDraft(problem=encoding.mixed_encoding_note(path))
        drafts = itertools.chain([note], drafts)
    return fmt, drafts


def parse_inputs(
    inputs: Iterable[Path | str],
    cache_dir: Path | None = None,
    stats: dict[str, int] | None = None,
) -> ParseResult:
    """Read files and/or folders into the ``articles`` and ``segments`` tables.

    Args:
        inputs: Files and folders (folders are read recursively, in sorted order).
        cache_dir: Build cache folder: what each file gave is kept under its name and
            the hash of its bytes, so a rebuild reads only new or changed files
            (None: no cache).
        stats: Filled with ``files_parsed`` (files read rather than found in the cache).

    Returns:
        A ``ParseResult``; bad files are listed in ``problems`` and do not stop the run.

    """
    article_rows: list[dict] = []
    seg_rows: list[dict] = []
    problems: list[Problem] = []
    files_read: list[str] = []
    items = list(walk_inputs(inputs))
    names = source_names([item.path for item in items if item.refused is None])
    cache = StageCache(cache_dir, NAME, version()) if cache_dir is not None else None
    parsed = 0
    try:
        for item in items:
            if item.refused is not None:
                problems.append(Problem(_shown(item), item.refused, skipped=True))
                continue
            name = names[item.path]
            try:
                read, fresh = _read_cached(item.path, name, cache)
            except encoding.UnreadableFile as err:
                problems.append(Problem(name, str(err), skipped=True))
                continue
            except (OSError, ValueError) as err:
                problems.append(Problem(name, f"cannot be read: {err}", skipped=True))
                continue
            parsed += fresh
            problems += read.problems(name)
            if read.articles:
                files_read.append(name)
                article_rows += read.articles
                seg_rows += read.segments
    finally:
        if cache is not None:
            cache.flush()
    if stats is not None:
        stats["files_parsed"] = parsed
    return ParseResult(
        articles=_frame(article_rows, "articles"),
        segments=_frame(seg_rows, "segments"),
        problems=problems,
        files_read=files_read,
    )


@dataclass
class _FileRead:
    """What one file gave: table rows, and what to say about it."""

    fmt: str
    articles: list[dict] = field(default_factory=list)
    segments: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # the readers' problems
    non_french: list[str] = field(default_factory=list)  # "#3 (en)"
    titles_without_body: int = 0

    def problems(self, name: str) -> list[Problem]:
        """The file's problems: skipped without article, else its caveats."""
        if not self.articles:
            reason = _why_no_article(self.fmt, self.titles_without_body, self.segments)
            return [Problem(name, "; ".join([reason, *self.notes]), skipped=True)]
        found = [Problem(name, reason, skipped=False) for reason in self.notes]
        if self.non_french:
            found.append(
                Problem(
                    name,
                    "article(s) not in French, kept with their language and left out of "
                    "French tagging: " + ", ".join(self.non_french),
                    skipped=False,
                )
            )
        return found


def _read_cached(path: Path, name: str, cache: StageCache | None) -> tuple[_FileRead, bool]:
    """What one file gave, from the cache when its bytes and name were read before.

    Returns:
        ``(read, fresh)``: ``fresh`` is True when the file was read now.

    """
    if cache is None or not cache.enabled:
        return _read_file(path, name), True
    with path.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    key = key_of(name, digest)
    hit = cache.get_many([key]).get(key)
    if isinstance(hit, _FileRead):
        return hit, False
    read = _read_file(path, name)
    cache.put(key, read)
    return read, True


def _read_file(path: Path, name: str) -> _FileRead:
    """Rows of one file's articles and segments (``name``: its ``source_file``)."""
    fmt, drafts = parse_file(path)
    read = _FileRead(fmt)
    for draft in drafts:
        if draft.problem:
            read.notes.append(draft.problem)
        if not draft.text.strip():
            read.segments += segment_rows(draft.segments, name, None)
            read.titles_without_body += bool(draft.title)
            continue
        position = len(read.articles) + 1
        row = article_row(draft, name, position, detect_language(draft.text))
        read.articles.append(row)
        read.segments += segment_rows(draft.segments, name, row["article_id"])
        if row["language"] != FRENCH:
            read.non_french.append(f"#{position} ({row['language']})")
    return read


def _shown(item: InputFile) -> str:
    """How a refused path is named: as given, or relative to the folder given."""
    path = item.path
    if not item.given and path != item.root and path.is_relative_to(item.root):
        return path.relative_to(item.root).as_posix()
    return str(path)


def _why_no_article(fmt: str, titles_without_body: int, segments: list[dict]) -> str:
    """The message for a file that gave no article, saying what was in it."""
    reason = f"no article found ({fmt} format)"
    if titles_without_body:
        return f"{reason}: only headline(s), no body text"
    if segments:
        kinds = sorted({s["segment_type"] for s in segments})
        return f"{reason}: only boilerplate ({', '.join(kinds)})"
    return reason


_INT_COLUMNS = ("position", "n_words", "start", "end")


def _frame(rows: list[dict], table: str) -> pd.DataFrame:
    """Rows as a table with the schema's columns: integers as int64, the rest as objects."""
    columns = list(SCHEMAS[table].columns)
    df = pd.DataFrame(rows, columns=columns)
    return df.astype({c: "int64" if c in _INT_COLUMNS else "object" for c in columns})
