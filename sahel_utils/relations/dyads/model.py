"""What the dyad rules work on: actors, bindings, sentences, predicate cues, shared patterns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sahel_utils.core import normalize
from sahel_utils.relations.dyads.cues import DyadCues

_BULLET = re.compile(r"^\s*(?:[-•●▪*–—]|\d{1,2}[.)])\s*")

_WORD = re.compile(r"\w\w")

_LIST_GAP = re.compile(
    r"\s*(?:,|,?\s*et|,?\s*ou|,?\s*ainsi que)\s+"
    r"(?:(?:du|des|de la|de l'|d'|a la|a l'|le|la|l'|les|au|aux|a|en)\s*)?"
    # shares listed with their origins: "55 % de la Russie et 5 % de l'Ukraine"
    r"|\s*(?:,|,?\s*et|contre)\s+\d[\d\s,.]*\s*%\s*(?:(?:du|des|de la|de l'|d'|de)\s*)?"
)

_CLAUSE_BREAK = re.compile(r"[,;:.!?()«»\"“”]")

_OBJECT_BREAK = re.compile(r"[,;:.!?()]")

_BETWEEN = re.compile(r"\bentre\s+(?:les?\s+|la\s+|l'\s*)?$")

_BETWEEN_AND = re.compile(r"\s+et\s+(?:les?\s+|la\s+|l'\s*)?")

_HYPHENS = {"-", "–", "—", "‑", "‐", "/"}

_ACTOR_TYPES = ("country", "bloc", "person", "organization", "place")


@dataclass(frozen=True)
class Actor:
    """A state (or bloc) standing behind one mention."""

    actor: str
    start: int
    end: int
    #: last year of a historical state ("URSS" -> 1991), else None
    until: int | None = None


@dataclass(frozen=True)
class Binding:
    """What makes a pair in one sentence: its predicate, relation, modality and domains."""

    predicate: str | None
    relation: str = "cooperation"
    modality: str = "reported"
    domains: tuple[str | None, ...] = (None,)
    #: the parse says the predicate's verb is a present or a passé composé (indicative)
    present: bool = False
    #: whether ``date`` was bound to the relation (else the sentence's date is used)
    dated: bool = False
    #: the time expression of the relation's clause (:func:`_bound_date`), or None
    date: str | None = None


@dataclass
class _Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int
    actors: list[Actor] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    dates: list[tuple[int, str]] = field(default_factory=list)
    pairs: set[tuple[str, str]] = field(default_factory=set)
    has_adversary: bool = False
    paired_with_non_state: bool = False
    hostile: bool = False
    #: actors that only attribute the sentence ("selon Washington"), never parties
    sources: list[str] = field(default_factory=list)
    #: adversaries (contrast clause), kept for tension rows
    adversaries: list[Actor] = field(default_factory=list)
    #: domain cues: (start, end, domain), offsets relative to the sentence (-1 if unknown)
    domain_cues: list[tuple[int, int, str]] = field(default_factory=list)
    #: pair -> what binds it (predicate, relation, modality, domains)
    bindings: dict[tuple[str, str], Binding] = field(default_factory=dict)
    #: the parse (``predicates`` table): predicate start (relative) -> its rows
    parse: dict[int, list[Any]] = field(default_factory=dict)
    #: the article's publication date (YYYY-MM-DD), for present-tense reports
    published: str | None = None
    #: the date the article's relative time expressions are resolved against, if any
    anchor: str | None = None
    #: actor mentions (article offsets) that are organisations standing for their state
    #: ("Wagner" -> RUS): parties of a cooperation, not sides of a tension
    organizations: set[tuple[int, int]] = field(default_factory=set)
    #: tension pairs whose cooperation the sentence ends ("suspend sa coopération avec")
    ended: dict[tuple[str, str], Binding] = field(default_factory=dict)


_QUOTE_OPENING = re.compile(r"^\s*(?:qu[e']|:|«|\"|“)")

_INVERSION = re.compile(r"(?:[,»\"”]|^)\s*(?:(?:a|ont|avait|avaient)\s+)?$")

_WHITESPACE = re.compile(r"\s")


@lru_cache(maxsize=2048)
def fold_same_length(text: str) -> str:
    """:func:`normalize.fold_same_length` with every whitespace character as a space."""
    return _WHITESPACE.sub(" ", normalize.fold_same_length(text))


class _Locator:
    """The sentence holding an article offset."""

    def __init__(self, sentences: list[_Sentence]) -> None:
        self.sentences = sentences
        self.starts = [s.start for s in sentences]
        self.by_index = {s.index: s for s in sentences}

    def __call__(self, offset: int) -> _Sentence | None:
        position = _bisect_right(self.starts, offset) - 1
        if position >= 0 and offset < self.sentences[position].end:
            return self.sentences[position]
        return None


_Span = tuple[int, int, str]


def _year(value: str | None) -> int | None:
    match = re.match(r"(\d{4})", value or "")
    return int(match.group(1)) if match else None


def _bisect_right(values: list[int], x: int) -> int:
    low, high = 0, len(values)
    while low < high:
        middle = (low + high) // 2
        if x < values[middle]:
            high = middle
        else:
            low = middle + 1
    return low


def _ordered(a: str, b: str) -> tuple[str, str]:
    """A pair in sorted order."""
    return (a, b) if a <= b else (b, a)


def _with_blocs(actors: set[str], cues: DyadCues) -> set[str]:
    """``actors`` plus every bloc one of them belongs to."""
    out = set(actors)
    for bloc, members in cues.blocs.items():
        if members & out:
            out.add(bloc)
    return out


def _same_bloc(a: str, b: str, cues: DyadCues) -> bool:
    for bloc, members in cues.blocs.items():
        group = members | {bloc}
        if a in group and b in group:
            return True
    return False


def _sides(pair: tuple[str, str], cues: DyadCues) -> set[str]:
    out = set(pair)
    for actor in pair:
        out |= cues.blocs.get(actor, frozenset())
    return out


_CLAUSE_STOP = re.compile(
    # "non seulement …, mais aussi …" coordinates, it does not end the clause
    r"[;!?]|\.\s|\b(?:mais(?!\s+(?:aussi|également|egalement)\b)|tandis que|alors que"
    r"|pendant que)\b"
)


@dataclass(frozen=True)
class _Cue:
    start: int
    end: int
    kind: str  # "cooperation" | "tension" | "domain"
    domain: str | None = None
    #: a subject-to-object predicate ("livrer", "soutenir"), not a reciprocal one
    directional: bool = False


def _word_span(folded: str, match: re.Match[str]) -> tuple[int, int]:
    """A stem match widened to the end of its word ("cooper" -> "coopération")."""
    end = match.end()
    while end < len(folded) and (folded[end].isalnum() or folded[end] == "-"):
        end += 1
    return match.start(), end


def _distance(span: tuple[int, int], cue: tuple[int, int]) -> int:
    if cue[1] <= span[0]:
        return span[0] - cue[1]
    if cue[0] >= span[1]:
        return cue[0] - span[1]
    return 0


def _collapse_blocs(sides: set[str], cues: DyadCues) -> set[str]:
    out = set(sides)
    for bloc, members in cues.blocs.items():
        if bloc in out or members <= out:
            out = (out - members) | {bloc}
    return out


def _first_date(sentence: _Sentence) -> str | None:
    return sentence.dates[0][1] if sentence.dates else None
