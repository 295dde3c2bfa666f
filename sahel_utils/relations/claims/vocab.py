"""The claims vocabulary (``resources/fr/claims.yaml``) compiled into matchers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from sahel_utils.core import paths
from sahel_utils.core.normalize import fold_same_length

CLAIMS_VOCAB = paths.RELATIONS_RESOURCES / "claims.yaml"


def phrase_pattern(phrase: str) -> str:
    """Regex source for a vocabulary phrase (see the syntax in ``claims.yaml``)."""
    parts = []
    for raw_word in phrase.strip().split():
        if raw_word in ("…", "..."):
            parts.append(r"(?:\S+\s+){0,3}?")
            continue
        word = fold_same_length(raw_word)
        star = word.endswith("*")
        core = re.escape(word.rstrip("*")).replace(r"\-", "[-\\s]?")
        parts.append(core + (r"\w*" if star else "") + r"\s+")
    source = "".join(parts)
    source = source[: -len(r"\s+")] if source.endswith(r"\s+") else source
    return r"(?<!\w)" + source + r"(?!\w)"


def compile_phrases(phrases: list[str]) -> re.Pattern[str]:
    """One regex matching any of ``phrases`` (longest first) on folded text."""
    ordered = sorted({p for p in phrases if p and p.strip()}, key=len, reverse=True)
    if not ordered:
        return re.compile(r"(?!x)x")
    return re.compile("|".join(f"(?:{phrase_pattern(p)})" for p in ordered))


@dataclass
class AttributeCue:
    """One group of attribute cues from the vocabulary."""

    attribute: str
    entity: str
    offset_years: int
    pattern: re.Pattern[str]
    max_distance: int = 60


@dataclass
class ClaimsVocab:
    """Compiled vocabulary: event triggers, quantities, units, attribute cues."""

    events: dict[str, re.Pattern[str]]
    anaphora: list[str]
    vague: list[tuple[re.Pattern[str], tuple[int, int], str]]
    number_words: dict[str, int]
    multipliers: dict[str, int]
    reference_determiners: set[str]
    units: list[tuple[re.Pattern[str], str]]
    attributes: list[AttributeCue] = field(default_factory=list)
    firsts: re.Pattern[str] | None = None


def load_vocab(path: Path | None = None) -> ClaimsVocab:
    """Load and compile the claims vocabulary.

    Args:
        path: YAML file (default ``resources/fr/claims.yaml``).

    Returns:
        The compiled vocabulary.

    """
    return _load(str(path or CLAIMS_VOCAB))


@lru_cache(maxsize=4)
def _load(path: str) -> ClaimsVocab:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    events = {kind: compile_phrases(words) for kind, words in (data.get("events") or {}).items()}
    vague = sorted(
        (
            (re.compile(phrase_pattern(p)), (int(r[0]), int(r[1])), p)
            for p, r in (data.get("vague_quantities") or {}).items()
        ),
        key=lambda item: len(item[2]),
        reverse=True,
    )
    units = []
    for unit, words in (data.get("units") or {}).items():
        units.append((compile_phrases(words), unit))
    attributes = [
        AttributeCue(
            attribute=a["attribute"],
            entity=a.get("entity", "before"),
            offset_years=int(a.get("offset_years", 0)),
            pattern=compile_phrases(a.get("cues", [])),
            max_distance=int(a.get("max_distance", 60)),
        )
        for a in data.get("attributes") or []
    ]
    return ClaimsVocab(
        events=events,
        anaphora=sorted((fold_same_length(a) for a in data.get("anaphora") or []), key=len),
        vague=vague,
        number_words={
            fold_same_length(k): int(v) for k, v in (data.get("number_words") or {}).items()
        },
        multipliers={
            fold_same_length(k): int(v) for k, v in (data.get("multipliers") or {}).items()
        },
        reference_determiners={
            fold_same_length(w) for w in data.get("reference_determiners") or []
        },
        units=units,
        attributes=attributes,
        firsts=compile_phrases(data.get("firsts") or []),
    )
