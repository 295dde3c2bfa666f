"""One lexicon layer: every vocabulary resource file goes through here.

A resource file (YAML mapping, CSV with ``#`` comment lines, JSON Lines with ``//``
comment lines) is read by :func:`load_lexicon` and validated by a pydantic model
that declares every key the file may hold. Unknown keys, missing keys and values
of the wrong type raise :class:`LexiconError` (a ``ValueError``) naming the file
and the key::

    entity_rules.yaml: unknown key 'geographic_noun' (expected one of ...);
    missing key 'geographic_nouns'

CSV and JSON Lines files are validated row by row: their model has one field,
``rows: list[RowModel]``.

Word lists become regexes through ONE compiler, :func:`compile_phrases` (or
:func:`phrase_alternation` for a piece of a larger regex); an empty list gives
the one "match nothing" pattern, :data:`NOTHING`.

Stage modules declare their file models next to the code that uses them and
register them with :func:`register_schema`, so that the tests can check that
every resource file of the package has a schema and loads through it.
"""

from __future__ import annotations

import csv
import json
import re
import types
import typing
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, TypeVar

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError

from sahel_utils.core.normalize import fold_same_length

__all__ = [
    "NOTHING",
    "NOTHING_SOURCE",
    "Lexicon",
    "LexiconError",
    "Word",
    "compile_phrases",
    "load_lexicon",
    "phrase_alternation",
    "phrase_source",
    "register_schema",
    "SCHEMAS",
]

#: Regex source that matches nothing (the one sentinel for an empty word list).
NOTHING_SOURCE = r"(?!x)x"
#: Compiled pattern that matches nothing.
NOTHING = re.compile(NOTHING_SOURCE)


class LexiconError(ValueError):
    """A resource file does not follow its schema (the message names file and key)."""


def _as_word(value: Any) -> Any:
    # YAML 1.1 reads some bare words as booleans or numbers ("on" -> True); the
    # loaders have always used ``str(value)``, so the same string is kept here.
    if isinstance(value, (bool, int, float)):
        return str(value)
    return value


#: A vocabulary word or phrase (a bare YAML scalar is read as its string).
Word = Annotated[str, BeforeValidator(_as_word)]


class Lexicon(BaseModel):
    """Base of every resource-file model: unknown keys are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


#: Registered schemas: ``(stage, file name) -> model`` (filled by the stage modules).
SCHEMAS: dict[tuple[str, str], type[Lexicon]] = {}

LexiconT = TypeVar("LexiconT", bound=Lexicon)


def register_schema(stage: str, name: str) -> Callable[[type[LexiconT]], type[LexiconT]]:
    """Class decorator: ``model`` is the schema of ``<stage>/resources/fr/<name>``."""

    def decorate(model: type[LexiconT]) -> type[LexiconT]:
        SCHEMAS[(stage, name)] = model
        return model

    return decorate


# --------------------------------------------------------------------------- reading


def _read_raw(path: Path) -> Any:
    suffix = path.suffix.lower()
    text = path.read_text(encoding="utf-8")
    if suffix in (".yaml", ".yml"):
        try:
            return yaml.safe_load(text)
        except yaml.YAMLError as err:
            raise LexiconError(f"{path.name}: not valid YAML ({err})") from err
    if suffix == ".csv":
        lines = [line for line in text.splitlines(keepends=True) if line.strip()]
        lines = [line for line in lines if not line.lstrip().startswith("#")]
        rows = [
            {k.strip(): (v or "").strip() for k, v in row.items() if k}
            for row in csv.DictReader(lines)
        ]
        return {"rows": rows}
    if suffix == ".jsonl":
        rows = []
        for number, line in enumerate(text.splitlines(), start=1):
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise LexiconError(f"{path.name}:{number}: not valid JSON ({err.msg})") from err
        return {"rows": rows}
    raise LexiconError(f"{path.name}: unknown resource format {suffix!r}")


def _field_type(model: Any, loc: tuple[Any, ...]) -> Any:
    """The type found at ``loc`` inside ``model`` (None when it cannot be followed)."""
    current = model
    for part in loc:
        while True:  # unwrap Optional / Annotated
            origin = typing.get_origin(current)
            if origin is Annotated:
                current = typing.get_args(current)[0]
            elif origin in (typing.Union, types.UnionType):
                args = [a for a in typing.get_args(current) if a is not type(None)]
                current = args[0] if len(args) == 1 else None
            else:
                break
        if current is None:
            return None
        if isinstance(current, type) and issubclass(current, BaseModel):
            if not isinstance(part, str) or part not in current.model_fields:
                return None
            current = current.model_fields[part].annotation
            continue
        origin = typing.get_origin(current)
        params = typing.get_args(current)
        if origin is dict and params:
            current = params[1]
        elif origin in (list, tuple, set, frozenset) and params:
            current = params[0]
        else:
            return None
    return current


def _expected_keys(model: type[BaseModel], parent: tuple[Any, ...]) -> list[str]:
    target = _field_type(model, parent)
    if isinstance(target, type) and issubclass(target, BaseModel):
        return list(target.model_fields)
    return []


def _where(parent: tuple[Any, ...]) -> str:
    return f" in {'.'.join(str(p) for p in parent)}" if parent else ""


def _describe(name: str, model: type[BaseModel], error: ValidationError) -> str:
    unknown: dict[tuple[Any, ...], list[str]] = {}
    problems: list[str] = []
    for item in error.errors():
        loc = tuple(item["loc"])
        parent, key = loc[:-1], (loc[-1] if loc else "")
        if item["type"] == "extra_forbidden":
            unknown.setdefault(parent, []).append(str(key))
        elif item["type"] == "missing":
            problems.append(f"missing key {key!r}{_where(parent)}")
        else:
            got = repr(item.get("input"))
            got = got if len(got) <= 60 else got[:57] + "..."
            problems.append(f"key {'.'.join(str(p) for p in loc)!r}: {item['msg']} (got {got})")
    head = []
    for parent, keys in unknown.items():
        expected = ", ".join(_expected_keys(model, parent))
        for key in keys:
            head.append(f"unknown key {key!r}{_where(parent)} (expected one of {expected})")
    return f"{name}: " + "; ".join(head + problems)


@lru_cache(maxsize=128)
def _load(path: str, model: type[LexiconT], stamp: tuple[int, int]) -> LexiconT:  # noqa: ARG001 - stamp is the cache key
    target = Path(path)
    data = _read_raw(target)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise LexiconError(f"{target.name}: expected a mapping of keys, got {type(data).__name__}")
    try:
        return model.model_validate(data)
    except ValidationError as err:
        raise LexiconError(_describe(target.name, model, err)) from None


def load_lexicon(path: Path | str, model: type[LexiconT]) -> LexiconT:
    """Read ``path`` (YAML, CSV or JSON Lines) and validate it with ``model`` (cached).

    The cache key holds the file's modification time and size, so an edited file
    is read again.

    Raises:
        LexiconError: If the file breaks its schema (the message names file and key).

    """
    target = Path(path).resolve()
    stat = target.stat()
    return _load(str(target), model, (stat.st_mtime_ns, stat.st_size))


# --------------------------------------------------------------------------- phrases


def folded_words(words: Iterable[str]) -> list[str]:
    """Words as the rules compare them: stripped, lower case, ``'`` apostrophes, folded.

    ``fold_same_length`` keeps each word's length, so matches map back to the text.
    """
    return [fold_same_length(w.strip().lower().replace("\u2019", "'")) for w in words]


def phrase_source(
    phrase: str, fold: Callable[[str], str] | None = None, syntax: bool = False
) -> str:
    """Regex source of one phrase (no boundaries); see :func:`compile_phrases`."""
    if not syntax:
        text = fold(phrase) if fold else phrase
        return re.escape(text)
    # Phrase syntax: "…" (or "...") is a gap of up to three words, a trailing "*"
    # any word ending, a hyphen also matches a space or nothing, spaces any run.
    parts = []
    for raw_word in phrase.strip().split():
        if raw_word in ("…", "..."):
            parts.append(r"(?:\S+\s+){0,3}?")
            continue
        word = fold(raw_word) if fold else raw_word
        star = word.endswith("*")
        core = re.escape(word.rstrip("*")).replace(r"\-", "[-\\s]?")
        parts.append(core + (r"\w*" if star else "") + r"\s+")
    source = "".join(parts)
    return source[: -len(r"\s+")] if source.endswith(r"\s+") else source


def phrase_alternation(
    phrases: Iterable[str],
    *,
    fold: Callable[[str], str] | None = None,
    syntax: bool = False,
    flexible_spaces: bool = False,
) -> str:
    """Regex source of ``(?:a|b|…)`` for ``phrases`` (longest first), without boundaries.

    Args:
        phrases: Words or phrases; blanks and duplicates are dropped.
        fold: Applied to each phrase (each word with ``syntax``) before escaping.
        syntax: Read the phrase syntax of ``claims.yaml`` ("…" gap, "word*", hyphens).
        flexible_spaces: A space matches any run of whitespace.

    Returns:
        The alternation in a non-capturing group; :data:`NOTHING_SOURCE` when empty.

    """
    kept = [p for p in phrases if p and p.strip()]
    ordered = sorted(set(kept), key=lambda p: (-len(p), p))
    if not ordered:
        return f"(?:{NOTHING_SOURCE})"
    sources = []
    for phrase in ordered:
        source = phrase_source(phrase, fold, syntax)
        if flexible_spaces and not syntax:
            source = source.replace(r"\ ", r"\s+")
        sources.append(source)
    return "(?:" + "|".join(sources) + ")"


@lru_cache(maxsize=256)
def _compile(
    phrases: tuple[str, ...],
    fold: Callable[[str], str] | None,
    word_boundaries: bool,
    word_chars: str,
    syntax: bool,
    flexible_spaces: bool,
    flags: int,
) -> re.Pattern[str]:
    if not any(p and p.strip() for p in phrases):
        return NOTHING
    body = phrase_alternation(phrases, fold=fold, syntax=syntax, flexible_spaces=flexible_spaces)
    if word_boundaries:
        body = rf"(?<![{word_chars}]){body}(?![{word_chars}])"
    return re.compile(body, flags)


def compile_phrases(
    phrases: Iterable[str],
    *,
    fold: Callable[[str], str] | None = None,
    word_boundaries: bool = True,
    word_chars: str = r"\w\-",
    syntax: bool = False,
    flexible_spaces: bool = False,
    flags: int = 0,
) -> re.Pattern[str]:
    """One regex matching any of ``phrases`` (longest first), as whole words.

    Args:
        phrases: Words or phrases (blank ones and duplicates are dropped).
        fold: Applied to each phrase before escaping (e.g. ``fold_same_length``),
            so the pattern matches text folded the same way.
        word_boundaries: Require no word character right before and after a match.
        word_chars: Character-class body of what counts as a word character for
            the boundaries (default letters, digits, ``_`` and ``-``).
        syntax: Read the phrase syntax of ``claims.yaml`` ("…" gap of up to three
            words, ``word*`` any ending, ``-`` also a space or nothing).
        flexible_spaces: A space in a phrase matches any run of whitespace.
        flags: ``re`` flags.

    Returns:
        The compiled pattern; :data:`NOTHING` (matches nothing) when no phrase is left.

    """
    return _compile(
        tuple(phrases), fold, word_boundaries, word_chars, syntax, flexible_spaces, flags
    )
