"""Readers: raw files (page dumps, Nexis Uni exports, HTML, JSON Lines) to tables.

``parse_inputs`` takes files and/or folders, detects each file's encoding and
format, and returns the ``articles`` and ``segments`` tables plus one
``Problem`` per file that could not be read (or was read with a caveat, such
as an article not in French). Raw files are only ever opened for reading.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from sahel_utils.core.cache import stage_version
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


__all__ = ["ParseResult", "Problem", "iter_input_files", "parse_file", "parse_inputs"]

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


def iter_input_files(inputs: Iterable[Path | str]) -> Iterator[tuple[Path, Path]]:
    """Yield ``(file, root)`` for each input file; folders are walked recursively, sorted.

    Files given explicitly are always read; inside folders, hidden files and
    README/LICENSE files are left out.
    """
    seen: set[Path] = set()
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files = sorted(
                (p for p in path.rglob("*") if p.is_file() and _is_data_file(p)),
                key=lambda p: p.relative_to(path).as_posix(),
            )
            for f in files:
                if any(part.startswith(".") for part in f.relative_to(path).parts):
                    continue
                if f.resolve() not in seen:
                    seen.add(f.resolve())
                    yield f, path
        elif path.resolve() not in seen:
            seen.add(path.resolve())
            yield path, path.parent


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


def parse_inputs(inputs: Iterable[Path | str]) -> ParseResult:
    """Read files and/or folders into the ``articles`` and ``segments`` tables.

    Args:
        inputs: Files and folders (folders are read recursively, in sorted order).

    Returns:
        A ``ParseResult``; bad files are listed in ``problems`` and do not stop the run.

    """
    article_rows: list[dict] = []
    seg_rows: list[dict] = []
    problems: list[Problem] = []
    files_read: list[str] = []
    used_names: set[str] = set()
    for path, root in iter_input_files(inputs):
        name = path.name
        if name in used_names:
            name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        try:
            fmt, drafts = parse_file(path)
            file_articles: list[dict] = []
            file_segments: list[dict] = []
            file_problems: list[str] = []
            non_french: list[str] = []
            titles_without_body = 0
            for draft in drafts:
                if draft.problem:
                    file_problems.append(draft.problem)
                if not draft.text.strip():
                    file_segments += segment_rows(draft.segments, name, None)
                    titles_without_body += bool(draft.title)
                    continue
                position = len(file_articles) + 1
                row = article_row(draft, name, position, detect_language(draft.text))
                file_articles.append(row)
                file_segments += segment_rows(draft.segments, name, row["article_id"])
                if row["language"] != FRENCH:
                    non_french.append(f"#{position} ({row['language']})")
        except encoding.UnreadableFile as err:
            problems.append(Problem(name, str(err), skipped=True))
            continue
        except (OSError, ValueError) as err:
            problems.append(Problem(name, f"cannot be read: {err}", skipped=True))
            continue
        used_names.add(name)
        if not file_articles:
            reason = _why_no_article(fmt, titles_without_body, file_segments)
            problems.append(Problem(name, "; ".join([reason, *file_problems]), skipped=True))
            continue
        problems += [Problem(name, reason, skipped=False) for reason in file_problems]
        files_read.append(name)
        if non_french:
            problems.append(
                Problem(
                    name,
                    "article(s) not in French, kept with their language and left out of "
                    "French tagging: " + ", ".join(non_french),
                    skipped=False,
                )
            )
        article_rows += file_articles
        seg_rows += file_segments
    return ParseResult(
        articles=_frame(article_rows, "articles"),
        segments=_frame(seg_rows, "segments"),
        problems=problems,
        files_read=files_read,
    )


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
