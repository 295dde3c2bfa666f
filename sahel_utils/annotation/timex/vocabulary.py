"""The French words of time expressions: ``resources/fr/timex.yaml`` and its schema.

The file is read through :func:`sahel_utils.core.lexicon.load_lexicon` with
:class:`TimexFile` (unknown or missing keys are errors naming the key); number words
come from the shared ``core/resources/fr/numbers.yaml``. :class:`Vocabulary` holds
the words as the rules use them: lower case, spellings mapped to their codes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from sahel_utils.core import paths, vocabulary
from sahel_utils.core.lexicon import (
    Lexicon,
    Word,
    load_lexicon,
    phrase_alternation,
    register_schema,
)

VOCABULARY_PATH = paths.ANNOTATION_RESOURCES / "timex.yaml"

#: A year the rules accept as one (1800-2099).
YEAR = r"(?:1[89]\d\d|20\d\d)"

# Directions an open expression may take.
LAST, NEXT, THIS = "last", "next", "this"
PAST, FUTURE = "past", "future"
UP_TO = "up_to"  # not after the anchor, even for a weekday-and-date (the "today" bound)


K = TypeVar("K")
V = TypeVar("V")


@register_schema("annotation", "timex.yaml")
class TimexFile(Lexicon):
    """Schema of ``timex.yaml`` (each key is described in the file)."""

    months: dict[int, list[Word]]
    month_abbreviations: dict[int, list[Word]]
    weekdays: dict[int, list[Word]]
    seasons: dict[str, list[Word]]
    first_day: list[Word]
    ordinal_suffixes: list[Word]
    last_words: list[Word]
    next_words: list[Word]
    current_month_words: list[Word]
    this_words: list[Word]
    and_words: list[Word]
    lead_words_in_span: list[Word]
    signal_words: list[Word]
    start_signals: list[Word]
    relative_days: dict[Word, int]
    previous_day_offsets: dict[Word, int]
    previous_day_own_reference: list[Word]
    relative_days_skipped: list[Word]
    day_parts: list[Word]
    generic_before_relative_day: list[Word]
    units: dict[Word, Word]
    shared_numbers_left_out: list[Word]
    ago_words: list[Word]
    ahead_words: list[Word]
    past_cues: list[Word]
    past_auxiliaries_with_participle: list[Word]
    past_participle_endings: list[Word]
    imperfect_endings: list[Word]
    future_cues: list[Word]
    future_suffixes: list[Word]
    name_heads: list[Word]
    name_links: list[Word]
    count_nouns: list[Word]
    habitual_before_weekday: list[Word]
    day_ranges: dict[Word, list[Word]]
    day_range_links_after_weekday: list[Word]
    range_openers: list[Word]
    range_connectors: list[Word]
    date_determiners: list[Word]
    time_prepositions: list[Word]
    hour_words: list[Word]
    unit_determiners: list[Word]
    weekend_words: list[Word]
    decade_openers: list[Word]
    decade_words: list[Word]
    season_determiners: list[Word]
    this_suffix: Word
    year_parts: dict[str, list[Word]]
    year_part_determiners: list[Word]
    year_part_links: list[Word]
    previous_day_determiners: list[Word]
    day_part_codes: dict[Word, Word]
    day_part_determiners: list[Word]
    day_part_determiners_in_span: list[Word]
    clock_words: dict[Word, int]
    clock_word_signals: list[Word]
    clock_lead_words: list[Word]
    clock_signals: list[Word]
    clock_hour_marks: list[Word]
    round_the_clock_links: list[Word]
    duration_units: dict[Word, Word]
    vague_quantities: list[Word]
    duration_blockers: list[Word]
    duration_nouns: dict[Word, Word]
    set_openers: list[Word]
    set_per_words: list[Word]
    festivals: dict[Word, Word]
    festival_determiners: list[Word]
    reference_words: dict[str, list[Word]]
    unit_references: dict[str, list[Word]]
    approximate_numbers: dict[Word, int]
    approximate_articles: list[Word]
    approximate_links: list[Word]
    today_words: list[Word]
    age_markers: list[Word]
    age_kept_after: list[Word]
    two_digit_year_pivot: int
    bare_year_blockers: list[Word]


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """French words for time expressions as the rules use them (lower case)."""

    months: dict[str, int]
    month_abbreviations: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    first_day: tuple[str, ...]
    ordinal_suffixes: tuple[str, ...]
    last_words: tuple[str, ...]
    next_words: tuple[str, ...]
    this_words: tuple[str, ...]
    and_words: tuple[str, ...]
    lead_words_in_span: tuple[str, ...]
    signal_words: tuple[str, ...]
    start_signals: tuple[str, ...]
    relative_days: dict[str, int]
    relative_days_skipped: tuple[str, ...]
    previous_day_offsets: dict[str, int]
    previous_day_determiners: tuple[str, ...]
    previous_day_own_reference: tuple[str, ...]
    day_parts: tuple[str, ...]
    generic_before_relative_day: tuple[str, ...]
    units: dict[str, str]
    number_words: dict[str, int]
    ago_words: tuple[str, ...]
    ahead_words: tuple[str, ...]
    past_cues: frozenset[str]
    past_auxiliaries_with_participle: frozenset[str]
    past_participle_endings: tuple[str, ...]
    imperfect_endings: tuple[str, ...]
    future_cues: frozenset[str]
    future_suffixes: tuple[str, ...]
    name_heads: frozenset[str]
    name_links: tuple[str, ...]
    count_nouns: tuple[str, ...]
    habitual_before_weekday: tuple[str, ...]
    day_ranges: dict[str, tuple[str, ...]]
    day_range_links_after_weekday: tuple[str, ...]
    current_month_words: tuple[str, ...]
    range_openers: tuple[str, ...]
    range_connectors: tuple[str, ...]
    date_determiners: tuple[str, ...]
    time_prepositions: tuple[str, ...]
    hour_words: tuple[str, ...]
    unit_determiners: tuple[str, ...]
    weekend_words: tuple[str, ...]
    decade_openers: tuple[str, ...]
    decade_words: tuple[str, ...]
    season_determiners: tuple[str, ...]
    this_suffix: str
    year_parts: dict[str, str]
    year_part_determiners: tuple[str, ...]
    year_part_links: tuple[str, ...]
    day_part_codes: dict[str, str]
    day_part_determiners: tuple[str, ...]
    day_part_determiners_in_span: frozenset[str]
    clock_words: dict[str, int]
    clock_word_signals: tuple[str, ...]
    clock_lead_words: tuple[str, ...]
    clock_signals: tuple[str, ...]
    clock_hour_marks: tuple[str, ...]
    round_the_clock_links: tuple[str, ...]
    duration_units: dict[str, str]
    vague_quantities: tuple[str, ...]
    duration_blockers: tuple[str, ...]
    duration_nouns: dict[str, str]
    set_openers: tuple[str, ...]
    set_per_words: tuple[str, ...]
    festivals: dict[str, str]
    reference_words: dict[str, str]
    today_words: tuple[str, ...]
    two_digit_year_pivot: int
    bare_year_blockers: tuple[str, ...]
    age_markers: tuple[str, ...]
    age_kept_after: tuple[str, ...]
    unit_references: dict[str, str]
    approximate_numbers: dict[str, int]
    approximate_articles: tuple[str, ...]
    approximate_links: tuple[str, ...]


def _lower(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(w.lower() for w in words)


def _keys_lower(mapping: Mapping[str, V]) -> dict[str, V]:
    return {k.lower(): v for k, v in mapping.items()}


def _invert(mapping: Mapping[K, list[str]]) -> dict[str, K]:
    """``{code: [spelling, ...]}`` -> ``{spelling: code}`` (spellings in lower case)."""
    return {word.lower(): key for key, words in mapping.items() for word in words}


def _number_words(left_out: Iterable[str]) -> dict[str, int]:
    """The shared number words ("un"/"une" included), less the ones time expressions skip."""
    shared = vocabulary.numbers()
    words = {**shared.number_words, **shared.article_numbers}
    skipped = set(_lower(left_out))
    return {k.lower(): v for k, v in words.items() if k.lower() not in skipped}


def _from_file(raw: TimexFile) -> Vocabulary:
    """The rules' view of the file's words."""
    return Vocabulary(
        months=_invert(raw.months),
        month_abbreviations=_invert(raw.month_abbreviations),
        weekdays=_invert(raw.weekdays),
        seasons=_invert(raw.seasons),
        first_day=_lower(raw.first_day),
        ordinal_suffixes=_lower(raw.ordinal_suffixes),
        last_words=_lower(raw.last_words),
        next_words=_lower(raw.next_words),
        this_words=_lower(raw.this_words),
        and_words=_lower(raw.and_words),
        lead_words_in_span=_lower(raw.lead_words_in_span),
        signal_words=_lower(raw.signal_words),
        start_signals=_lower(raw.start_signals),
        relative_days=_keys_lower(raw.relative_days),
        relative_days_skipped=_lower(raw.relative_days_skipped),
        previous_day_offsets=_keys_lower(raw.previous_day_offsets),
        previous_day_determiners=_lower(raw.previous_day_determiners),
        previous_day_own_reference=_lower(raw.previous_day_own_reference),
        day_parts=_lower(raw.day_parts),
        generic_before_relative_day=_lower(raw.generic_before_relative_day),
        units=_keys_lower(raw.units),
        number_words=_number_words(raw.shared_numbers_left_out),
        ago_words=_lower(raw.ago_words),
        ahead_words=_lower(raw.ahead_words),
        past_cues=frozenset(_lower(raw.past_cues)),
        past_auxiliaries_with_participle=frozenset(_lower(raw.past_auxiliaries_with_participle)),
        past_participle_endings=_lower(raw.past_participle_endings),
        imperfect_endings=_lower(raw.imperfect_endings),
        future_cues=frozenset(_lower(raw.future_cues)),
        future_suffixes=_lower(raw.future_suffixes),
        name_heads=frozenset(_lower(raw.name_heads)),
        name_links=_lower(raw.name_links),
        count_nouns=_lower(raw.count_nouns),
        habitual_before_weekday=_lower(raw.habitual_before_weekday),
        day_ranges={k.lower(): _lower(v) for k, v in raw.day_ranges.items()},
        day_range_links_after_weekday=_lower(raw.day_range_links_after_weekday),
        current_month_words=_lower(raw.current_month_words),
        range_openers=_lower(raw.range_openers),
        range_connectors=_lower(raw.range_connectors),
        date_determiners=_lower(raw.date_determiners),
        time_prepositions=_lower(raw.time_prepositions),
        hour_words=_lower(raw.hour_words),
        unit_determiners=_lower(raw.unit_determiners),
        weekend_words=_lower(raw.weekend_words),
        decade_openers=_lower(raw.decade_openers),
        decade_words=_lower(raw.decade_words),
        season_determiners=_lower(raw.season_determiners),
        this_suffix=raw.this_suffix,
        year_parts=_invert(raw.year_parts),
        year_part_determiners=_lower(raw.year_part_determiners),
        year_part_links=_lower(raw.year_part_links),
        day_part_codes=_keys_lower(raw.day_part_codes),
        day_part_determiners=_lower(raw.day_part_determiners),
        day_part_determiners_in_span=frozenset(_lower(raw.day_part_determiners_in_span)),
        clock_words=_keys_lower(raw.clock_words),
        clock_word_signals=_lower(raw.clock_word_signals),
        clock_lead_words=_lower(raw.clock_lead_words),
        clock_signals=_lower(raw.clock_signals),
        clock_hour_marks=_lower(raw.clock_hour_marks),
        round_the_clock_links=_lower(raw.round_the_clock_links),
        duration_units=_keys_lower(raw.duration_units),
        vague_quantities=_lower(raw.vague_quantities),
        duration_blockers=_lower(raw.duration_blockers),
        duration_nouns=_keys_lower(raw.duration_nouns),
        set_openers=_lower(raw.set_openers),
        set_per_words=_lower(raw.set_per_words),
        festivals=_keys_lower(raw.festivals),
        reference_words=_invert(raw.reference_words),
        today_words=_lower(raw.today_words),
        two_digit_year_pivot=raw.two_digit_year_pivot,
        bare_year_blockers=_lower(raw.bare_year_blockers),
        age_markers=_lower(raw.age_markers),
        age_kept_after=_lower(raw.age_kept_after),
        unit_references=_invert(raw.unit_references),
        approximate_numbers=_keys_lower(raw.approximate_numbers),
        approximate_articles=_lower(raw.approximate_articles),
        approximate_links=_lower(raw.approximate_links),
    )


@lru_cache(maxsize=4)
def load_vocabulary(path: Path | None = None) -> Vocabulary:
    """Read the time vocabulary (default ``resources/fr/timex.yaml``).

    Raises:
        LexiconError: If the file breaks its schema (the message names the key).

    """
    return _from_file(load_lexicon(path or VOCABULARY_PATH, TimexFile))


def alt(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` (longest first), spaces matching any whitespace."""
    return phrase_alternation(words, flexible_spaces=True)
