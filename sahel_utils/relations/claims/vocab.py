"""The claims vocabulary (``resources/fr/claims.yaml``) compiled into matchers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from sahel_utils.core import lexicon, paths, vocabulary
from sahel_utils.core.lexicon import Lexicon, Word, load_lexicon, register_schema
from sahel_utils.core.normalize import fold_same_length

CLAIMS_VOCAB = paths.RELATIONS_RESOURCES / "claims.yaml"


def phrase_pattern(phrase: str) -> str:
    """Regex source for a vocabulary phrase (see the syntax in ``claims.yaml``)."""
    source = lexicon.phrase_source(phrase, fold_same_length, syntax=True)
    return r"(?<!\w)" + source + r"(?!\w)"


def compile_phrases(phrases: list[str]) -> re.Pattern[str]:
    """One regex matching any of ``phrases`` (longest first) on folded text.

    The claims phrase syntax through the one compiler, :func:`lexicon.compile_phrases`.
    """
    return lexicon.compile_phrases(phrases, fold=fold_same_length, syntax=True, word_chars=r"\w")


class AttributeSpec(Lexicon):
    """One group of attribute cues in ``claims.yaml``."""

    attribute: str
    entity: str = "before"
    offset_years: int = 0
    cues: list[Word]
    max_distance: int = 60


class DurationSpec(Lexicon):
    """One duration unit of ``claims.yaml``: how many days it stands for, and its words."""

    days: float
    words: list[Word]


@register_schema("relations", "claims.yaml")
class ClaimsFile(Lexicon):
    """Schema of ``claims.yaml`` (number words and multipliers are shared, in core)."""

    events: dict[str, list[Word]]
    lasting: list[Word]
    prospective: list[Word]
    actor_aliases: dict[str, list[Word]]
    state_metonyms: list[Word]
    organization_anaphora: list[Word]
    quantity_modifiers: dict[str, list[Word]]
    durations: dict[str, DurationSpec]
    unit_cues: dict[str, list[Word]]
    unit_cues_before: dict[str, list[Word]]
    duration_blockers: list[Word]
    duration_offsets: list[Word]
    anaphora: list[Word]
    vague_quantities: dict[str, tuple[int, int]]
    reference_determiners: list[Word]
    units: dict[str, list[Word]]
    attributes: list[AttributeSpec]
    firsts: list[Word]
    agent_events: list[str] = []
    rare_events: list[str] = []
    agent_after: list[Word] = []
    nationality_before: list[Word] = []
    membership_cues: list[Word] = []


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
    #: (pattern, ISO3 code) of capitals and metonyms of a state.
    actor_aliases: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    state_metonyms: re.Pattern[str] | None = None
    #: Words that refer back to a bloc or organisation ("cette alliance").
    organization_anaphora: re.Pattern[str] | None = None
    #: (pattern ending right before a quantity, modifier name).
    modifiers: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    #: (pattern of the unit words, days one unit stands for).
    durations: list[tuple[re.Pattern[str], float]] = field(default_factory=list)
    #: (pattern, unit): what happened to counted people, said right after them.
    unit_cues: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    unit_cues_before: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    #: Matches the end of the text before a duration that is no claim ("depuis ").
    duration_blockers: re.Pattern[str] | None = None
    #: Matches a duration noun and the word after it that make it an offset in time.
    duration_offsets: re.Pattern[str] | None = None
    #: Event triggers that name a lasting situation ("détenus"), not a new event.
    lasting: re.Pattern[str] | None = None
    #: Words of unit cues and quantity modifiers: no evidence that two numbers
    #: count the same thing ("tués", "au moins"), left out of their context.
    number_noise: tuple[str, ...] = ()
    #: Any event trigger, any vague quantity: one quick test before the per-type patterns.
    any_event: re.Pattern[str] | None = None
    any_vague: re.Pattern[str] | None = None
    #: Words of a sentence that tells of an event to come ("pourrait", "envisage").
    prospective: re.Pattern[str] | None = None
    #: Event types whose doer tells two events apart (``agent_events``).
    agent_events: frozenset[str] = frozenset()
    #: Event types rare enough for one state that an undated mention naming that state
    #: alone may join its dated report when unambiguous (``rare_events``).
    rare_events: frozenset[str] = frozenset()
    #: Matches a trigger ending with a word after which its doer is named ("retrait de").
    agent_after: re.Pattern[str] | None = None
    #: Cues right before a count after which the country named before them is the
    #: nationality of the people counted ("la France a perdu 53 soldats").
    nationality_before: re.Pattern[str] | None = None
    #: Words by which a sentence lists a bloc's members ("regroupe", "à savoir").
    membership: re.Pattern[str] | None = None
    #: What this vocabulary found in a sentence already read (``extract``): by
    #: (what was looked for, folded sentence). Never copied to another vocabulary.
    memo: dict[tuple[str, str], Any] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )


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
    data = load_lexicon(Path(path), ClaimsFile)
    numbers = vocabulary.numbers()
    events = {kind: compile_phrases(words) for kind, words in data.events.items()}
    vague = sorted(
        (
            (re.compile(phrase_pattern(p)), (int(r[0]), int(r[1])), p)
            for p, r in data.vague_quantities.items()
        ),
        key=lambda item: len(item[2]),
        reverse=True,
    )
    units = []
    for unit, words in data.units.items():
        units.append((compile_phrases(words), unit))
    attributes = [
        AttributeCue(
            attribute=a.attribute,
            entity=a.entity,
            offset_years=a.offset_years,
            pattern=compile_phrases(a.cues),
            max_distance=a.max_distance,
        )
        for a in data.attributes
    ]
    return ClaimsVocab(
        events=events,
        number_noise=tuple(
            sorted(
                {
                    fold_same_length(w)
                    for group in (
                        *data.unit_cues.values(),
                        *data.unit_cues_before.values(),
                        *data.quantity_modifiers.values(),
                    )
                    for w in group
                }
            )
        ),
        any_event=compile_phrases([w for words in data.events.values() for w in words]),
        any_vague=compile_phrases(list(data.vague_quantities)),
        lasting=compile_phrases(data.lasting),
        duration_offsets=re.compile(
            r"\s*\S+\s+(?:" + compile_phrases(data.duration_offsets).pattern + r")"
        ),
        prospective=compile_phrases(data.prospective),
        anaphora=sorted((fold_same_length(a) for a in data.anaphora), key=len),
        vague=vague,
        number_words={fold_same_length(k): int(v) for k, v in numbers.number_words.items()},
        multipliers={fold_same_length(k): int(v) for k, v in numbers.multipliers.items()},
        reference_determiners={fold_same_length(w) for w in data.reference_determiners},
        units=units,
        attributes=attributes,
        firsts=compile_phrases(data.firsts),
        agent_events=frozenset(data.agent_events),
        rare_events=frozenset(data.rare_events),
        agent_after=compile_phrases(data.agent_after) if data.agent_after else None,
        membership=compile_phrases(data.membership_cues) if data.membership_cues else None,
        nationality_before=compile_phrases(data.nationality_before)
        if data.nationality_before
        else None,
        actor_aliases=[(compile_phrases(w), code) for code, w in data.actor_aliases.items()],
        state_metonyms=compile_phrases(data.state_metonyms),
        organization_anaphora=compile_phrases(data.organization_anaphora),
        modifiers=[
            (re.compile(r"(?:" + compile_phrases(w).pattern + r")\s*$"), name)
            for name, w in data.quantity_modifiers.items()
        ],
        durations=[(compile_phrases(d.words), d.days) for d in data.durations.values()],
        unit_cues=[(compile_phrases(w), unit) for unit, w in data.unit_cues.items()],
        unit_cues_before=[(compile_phrases(w), unit) for unit, w in data.unit_cues_before.items()],
        duration_blockers=re.compile(
            r"(?:" + compile_phrases(data.duration_blockers).pattern + r")\s*$"
        ),
    )
