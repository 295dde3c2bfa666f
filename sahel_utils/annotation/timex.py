"""French time expressions in article text, resolved to TIMEX3 / ISO 8601 values.

``extract_timex(text, published)`` finds dates ("le 3 avril 2025", "jeudi 14 août",
"03/04/2025 à 10h15"), months ("en juin 2025", "avril dernier"), years ("en 2023"),
ranges ("du 11 au 14 novembre", "les 6 et 7 février 2023", "entre 2020 et 2023"),
weekdays ("mardi", "ce lundi") and relative expressions ("hier", "la semaine
dernière", "il y a deux ans") with patterns built from ``resources/fr/timex.yaml``.
Values keep the precision the text gives: ``2025-04-03``, ``2025-06``, ``2023``,
``2025-06-23T07:31``, ``START/END`` for ranges, ``2025-W25`` for a week, ``2024-SU``
for a season, ``2024-Q1`` / ``2023-H2`` for quarters and halves, ``199`` for a decade.

What the text leaves open (the year, which Tuesday) is resolved against an anchor:

1. the publication date, when one is given;
2. otherwise the article's own dates: the latest of its fully specified days or day
   ranges and of its day-and-month dates placed near them;
3. failing that, day-and-month dates placed in the latest year the text names, up
   to the current year (including years inside names such as "BAMEX 2025"); a
   weekday ("jeudi 14 août") picks the year nearest to it in which the date falls
   on that weekday;
4. failing that, a weekday-and-date is placed in the most recent year, not after
   ``today``, in which the weekday matches;
5. failing that, the latest year the text names (enough for "en janvier").

In 2-4 a day mentioned in a future-tense clause ("le sommet se tiendra le 9 mai")
only anchors when the article offers no other day.

An open expression then takes the occurrence its wording asks for: "dernier" the one
before the anchor, "prochain" the one after, "ce lundi" the Monday of the anchor's
week. Otherwise the tense of the clause decides (past: the latest occurrence not
after the anchor; future: the first not before it) and, without a tense, the
occurrence inside or nearest to the anchor. A weekday with a day and month always
takes the nearest year in which it matches (in a dated article the article's date
and the tense place it, and a weekday that disagrees with the printed date is
flagged, the date kept). Expressions that cannot be resolved (a weekday in an
article that gives no date at all) get ``value`` None.

TimeML categories (French TimeBank conventions), all vocabulary in ``timex.yaml``:

- times of day ("22 h", "21 h 45", "à midi") and parts of the day ("hier soir" ->
  ``…TEV``, "mardi matin" -> ``…TMO``, "dans la nuit" -> ``…TNI``) are placed on the
  day right after them ("vers 15 h 30, hier"), else on the last day the text gave
  before them, else on the publication day; type TIME;
- "le lendemain", "la veille", "le même jour", "ce jour-là" count from the last day
  the text gave; the ``anchor`` column records that day;
- ``PRESENT_REF`` / ``PAST_REF`` / ``FUTURE_REF`` ("actuellement", "à l'époque",
  "à l'avenir"); "aujourd'hui", "désormais" are the publication day;
- seasons without a year take the year the tense points to ("l'automne"), or
  ``XXXX-FA`` in a clause without tense; "octobre 98" is 1998; "les années 60" 196;
- durations (``P3D``, ``PT30.4S``, ``PXM`` for "quelques mois", "quinquennat" P5Y;
  an age such as "Florian, 26 ans," is left out) and sets ("chaque année" P1Y,
  "tous les deux mois" P2M, "par an"), of type DURATION and SET;
- festivals with a fixed or Easter-based date (Noël, Pentecôte, Pâques 2003);
- bare years ("la présidentielle de 2002") and lower-case bare months.

A range ("de 1982 à 1990", "du 11 au 14 novembre") is two expressions in TimeML:
it is given as its two ends, TimeML points (rules ``range_start`` and ``range_end``)
inside the range's span, each carrying the range in ``range_value`` (``START/END``);
no row stands for the range itself. Every row carries ``type`` (DATE, TIME, DURATION,
SET), ``rule`` (the pattern that fired), ``weekday_mismatch`` and ``range_value``
(None outside a range).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from sahel_utils.core import paths
from sahel_utils.core.normalize import normalize_for_nlp

VOCABULARY_PATH = paths.ANNOTATION_RESOURCES / "timex.yaml"

_YEAR = r"(?:1[89]\d\d|20\d\d)"
_LAST, _NEXT, _THIS = "last", "next", "this"
_PAST, _FUTURE = "past", "future"
_UP_TO = "up_to"  # not after the anchor, even for a weekday-and-date (the "today" bound)


# --------------------------------------------------------------------------- vocabulary


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """French words for time expressions, loaded from ``timex.yaml``."""

    months: dict[str, int]
    month_abbreviations: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    first_day: tuple[str, ...]
    last_words: tuple[str, ...]
    next_words: tuple[str, ...]
    this_words: tuple[str, ...]
    lead_words_in_span: tuple[str, ...]
    signal_words: tuple[str, ...]
    relative_days: dict[str, int]
    relative_days_skipped: tuple[str, ...]
    day_parts: tuple[str, ...]
    generic_before_relative_day: tuple[str, ...]
    units: dict[str, str]
    number_words: dict[str, int]
    ago_words: tuple[str, ...]
    ahead_words: tuple[str, ...]
    past_cues: frozenset[str]
    past_auxiliaries_with_participle: frozenset[str]
    future_cues: frozenset[str]
    future_suffixes: tuple[str, ...]
    name_heads: frozenset[str]
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
    start_signals: tuple[str, ...] = ()
    previous_day_offsets: dict[str, int] = field(default_factory=dict)
    previous_day_determiners: tuple[str, ...] = ()
    day_part_codes: dict[str, str] = field(default_factory=dict)
    day_part_determiners: tuple[str, ...] = ()
    clock_words: dict[str, int] = field(default_factory=dict)
    clock_word_signals: tuple[str, ...] = ()
    clock_lead_words: tuple[str, ...] = ()
    duration_units: dict[str, str] = field(default_factory=dict)
    vague_quantities: tuple[str, ...] = ()
    duration_blockers: tuple[str, ...] = ()
    duration_nouns: dict[str, str] = field(default_factory=dict)
    set_openers: tuple[str, ...] = ()
    set_per_words: tuple[str, ...] = ()
    festivals: dict[str, str] = field(default_factory=dict)
    festival_determiners: tuple[str, ...] = ()
    reference_words: dict[str, str] = field(default_factory=dict)
    today_words: tuple[str, ...] = ()
    two_digit_year_pivot: int = 30
    bare_year_blockers: tuple[str, ...] = ()
    age_markers: tuple[str, ...] = ()
    age_kept_after: tuple[str, ...] = ()
    unit_references: dict[str, str] = field(default_factory=dict)
    approximate_numbers: dict[str, int] = field(default_factory=dict)


def _invert(mapping: dict[Any, list[str]]) -> dict[str, Any]:
    return {word.lower(): key for key, words in mapping.items() for word in words}


@lru_cache(maxsize=4)
def load_vocabulary(path: Path | None = None) -> Vocabulary:
    """Read the time vocabulary (default ``resources/fr/timex.yaml``)."""
    raw = yaml.safe_load((path or VOCABULARY_PATH).read_text(encoding="utf-8"))

    def words(key: str) -> tuple[str, ...]:
        return tuple(str(w).lower() for w in raw.get(key, []))

    def mapping(key: str) -> dict[str, str]:
        return {str(k).lower(): str(v) for k, v in (raw.get(key) or {}).items()}

    return Vocabulary(
        months={k: int(v) for k, v in _invert(raw["months"]).items()},
        month_abbreviations={k: int(v) for k, v in _invert(raw["month_abbreviations"]).items()},
        weekdays={k: int(v) for k, v in _invert(raw["weekdays"]).items()},
        seasons=_invert(raw["seasons"]),
        first_day=words("first_day"),
        last_words=words("last_words"),
        next_words=words("next_words"),
        this_words=words("this_words"),
        lead_words_in_span=words("lead_words_in_span"),
        signal_words=words("signal_words"),
        start_signals=words("start_signals"),
        previous_day_offsets={
            str(k).lower(): int(v) for k, v in (raw.get("previous_day_offsets") or {}).items()
        },
        relative_days={str(k).lower(): int(v) for k, v in raw["relative_days"].items()},
        relative_days_skipped=words("relative_days_skipped"),
        day_parts=words("day_parts"),
        generic_before_relative_day=words("generic_before_relative_day"),
        units={str(k).lower(): str(v) for k, v in raw["units"].items()},
        number_words={str(k).lower(): int(v) for k, v in raw["number_words"].items()},
        ago_words=words("ago_words"),
        ahead_words=words("ahead_words"),
        past_cues=frozenset(words("past_cues")),
        past_auxiliaries_with_participle=frozenset(words("past_auxiliaries_with_participle")),
        future_cues=frozenset(words("future_cues")),
        future_suffixes=words("future_suffixes"),
        name_heads=frozenset(words("name_heads")),
        count_nouns=words("count_nouns"),
        habitual_before_weekday=words("habitual_before_weekday"),
        day_ranges={
            str(k).lower(): tuple(str(w).lower() for w in v) for k, v in raw["day_ranges"].items()
        },
        day_range_links_after_weekday=words("day_range_links_after_weekday"),
        current_month_words=words("current_month_words"),
        range_openers=words("range_openers"),
        range_connectors=words("range_connectors"),
        date_determiners=words("date_determiners"),
        time_prepositions=words("time_prepositions"),
        hour_words=words("hour_words"),
        unit_determiners=words("unit_determiners"),
        weekend_words=words("weekend_words"),
        decade_openers=words("decade_openers"),
        decade_words=words("decade_words"),
        season_determiners=words("season_determiners"),
        this_suffix=str(raw.get("this_suffix", "-ci")),
        year_parts=_invert(raw.get("year_parts", {})),
        year_part_determiners=words("year_part_determiners"),
        previous_day_determiners=words("previous_day_determiners"),
        day_part_codes=mapping("day_part_codes"),
        day_part_determiners=words("day_part_determiners"),
        clock_words={k: int(v) for k, v in mapping("clock_words").items()},
        clock_word_signals=words("clock_word_signals"),
        clock_lead_words=words("clock_lead_words"),
        duration_units=mapping("duration_units"),
        vague_quantities=words("vague_quantities"),
        duration_blockers=words("duration_blockers"),
        duration_nouns=mapping("duration_nouns"),
        set_openers=words("set_openers"),
        set_per_words=words("set_per_words"),
        festivals=mapping("festivals"),
        festival_determiners=words("festival_determiners"),
        reference_words=_invert(raw.get("reference_words") or {}),
        today_words=words("today_words"),
        two_digit_year_pivot=int(raw.get("two_digit_year_pivot", 30)),
        bare_year_blockers=words("bare_year_blockers"),
        age_markers=words("age_markers"),
        age_kept_after=words("age_kept_after"),
        unit_references=_invert(raw.get("unit_references") or {}),
        approximate_numbers={k: int(v) for k, v in mapping("approximate_numbers").items()},
    )


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any whitespace."""
    unique = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in unique) + ")"


# --------------------------------------------------------------------------- patterns


def _time(prefix: str, vocab: Vocabulary) -> str:
    """An optional clock time after a date: "à 07:31", ", 7h30", "- 10:15", "vers 14 heures".

    After a comma a preposition starts a phrase of its own: in "lundi 17 février, à
    14 h 30" the time is a second expression (TimeML), resolved on that day.
    """
    prep = _alt(vocab.time_prepositions)
    hours = _alt(vocab.hour_words)
    return (
        rf"(?:(?:\s*[|-]?\s*(?:{prep}\s+)?|\s*,\s*)(?P<{prefix}hh>[01]?\d|2[0-3])\s*"
        rf"(?:h(?![^\W\d_])|:|{hours}(?!\w))(?:\s*(?P<{prefix}mm>[0-5]\d))?(?!\d))?"
    )


def _words_alt(words: Iterable[str]) -> str:
    """Like ``_alt`` but without the outer group, for embedding in a larger alternation."""
    return _alt(words)[3:-1]


@lru_cache(maxsize=4)
def _patterns(vocab: Vocabulary) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The compiled patterns, in priority order (an earlier one wins a tie in length)."""
    month = _alt(vocab.months)
    month_any = _alt([*vocab.months, *vocab.month_abbreviations])
    weekday = _alt(vocab.weekdays)
    day = rf"(?:{_words_alt(vocab.first_day)}|[12]\d|3[01]|0?[1-9])(?!\d)"
    mod = _alt([*vocab.last_words, *vocab.next_words, *vocab.current_month_words])
    this = _alt(vocab.this_words)
    lead = rf"(?:(?P<lead>{_alt(vocab.lead_words_in_span)})(?:(?<=-)|\s+))"
    signal = _alt(vocab.signal_words)
    daypart = _alt(vocab.day_parts)
    number = rf"(?:\d{{1,3}}|{_words_alt(vocab.number_words)})"
    count = _alt(vocab.count_nouns)
    calendar_units = [u for u, kind in vocab.units.items() if kind != "day"]
    unit = _alt([*calendar_units, *vocab.weekend_words])
    rel_day = _alt(w for w in vocab.relative_days if w not in vocab.relative_days_skipped)
    range_open, range_link = _alt(vocab.range_openers), _alt(vocab.range_connectors)
    day_links = _alt(
        [*(link for links in vocab.day_ranges.values() for link in links)]
        + list(vocab.day_range_links_after_weekday)
    )
    year = _YEAR
    start, end = r"(?<![\w-])", r"(?!\w)"
    year_end = rf"(?![\w-])(?!\s*{count}(?!\w))"
    after_open = r"(?:(?<=')|\s+)"  # "d'avril" or "de avril"
    specs = {
        "iso": r"(?<![\w/.-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
        r"(?:[T ](?P<thh>\d{2}):(?P<tmm>\d{2}))?(?![\w-])",
        "numeric": r"(?<![\w/.])(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4})(?![\d/])"
        + _time("t", vocab),
        "day_range": rf"{start}(?:(?P<lead>{_alt(vocab.day_ranges)})\s+)?"
        rf"(?:(?P<wd1>{weekday})\s+)?(?P<d1>{day})"
        rf"(?:\s+(?P<m1>{month_any})(?:\s+(?P<y1>{year}))?)?(?:\s*,\s*{day})*"
        rf"\s*(?P<link>{day_links})\s*(?:(?P<wd2>{weekday})\s+)?"
        rf"(?P<d2>{day})\s+(?P<m2>{month_any})(?:\s+(?P<y2>{year}))?(?:\s+(?P<mod>{mod}))?{end}",
        "weekday_range": rf"{start}{range_open}{after_open}(?P<wd1>{weekday})\s+{range_link}\s+"
        rf"(?P<wd2>{weekday})(?:\s+(?P<mod>{mod}))?{end}",
        "month_range": rf"{start}{range_open}{after_open}(?P<m1>{month})"
        rf"(?:\s+(?P<y1>{year}))?\s+{range_link}\s+(?P<m2>{month})"
        rf"(?:\s+(?P<y2>{year}))?(?:\s+(?P<mod>{mod}))?{end}",
        "year_range": rf"{start}{range_open}\s+(?:{lead})?(?P<y1>{year})\s+{range_link}\s+"
        rf"(?:{_alt(vocab.lead_words_in_span)}\s+)?(?P<y2>{year}){year_end}",
        "year_dash": rf"(?<![\w/.-])(?P<y1>{year})\s*-\s*(?P<y2>{year})(?![\w-])",
        "date": rf"{start}(?:(?P<det>{_alt(vocab.date_determiners)})\s+)?"
        rf"(?:(?P<wd>{weekday})\s+)?(?P<d>{day})\s+(?P<m>{month_any})(?:\s+(?P<y>{year}))?"
        rf"(?:\s+(?P<mod>{mod}))?{end}" + _time("t", vocab),
        "day_current": rf"{start}(?:{_alt(vocab.date_determiners)})\s+(?:(?P<wd>{weekday})\s+)?"
        rf"(?P<d>{day})\s+{_alt(vocab.current_month_words)}{end}",
        "month_year": rf"{start}{lead}?(?P<m>{month})\s+(?P<y>{year}){year_end}",
        "month_mod": rf"{start}{lead}?(?P<m>{month})(?:\s*(?:,|et)\s*(?P<m2>{month}))?"
        rf"\s+(?P<mod>{mod}){end}",
        "month": rf"{start}(?:(?P<sig>{signal})\s+|{lead})(?P<m>{month})"
        rf"(?:\s*(?:,|et)\s*(?P<m2>{month}))?{end}(?!\s*-)",
        "year": rf"{start}(?:(?P<sig>{signal})\s+|{lead})(?P<y>{year}){year_end}",
        "year_part": rf"{start}(?:{_alt(vocab.year_part_determiners)}\s+)?"
        rf"(?P<part>{_alt(vocab.year_parts)})\s+(?:de\s+l'année\s+|de\s+)?(?P<y>{year}){year_end}",
        "decade": rf"{start}{_alt(vocab.decade_openers)}\s+{_alt(vocab.decade_words)}\s+"
        r"(?:(?P<c>19|20)(?P<dd>\d)0|(?P<short>[2-9])0)(?!\d)",
        "season": rf"{start}(?:(?P<det>{_alt(vocab.season_determiners)})(?:(?<=')|\s+))?"
        rf"(?P<s>{_alt(vocab.seasons)})(?:\s+(?P<y>{year})|\s+(?P<mod>{mod}))?{end}",
        "relative_day": rf"{start}(?P<w>{rel_day})(?:,?\s+(?P<wd>{weekday}))?"
        rf"(?:\s+(?P<part>{daypart}))?{end}" + _time("t", vocab),
        "this_daypart": rf"{start}{this}\s+(?P<part>{daypart}){end}(?!-)",
        "unit_mod": rf"{start}(?:{_alt(vocab.unit_determiners)}|{this})(?:(?<=')|\s+)"
        rf"(?P<u>{unit})\s+(?P<mod>{mod}){end}",
        "unit_this": rf"{start}{this}\s+(?P<u>{unit})(?:{re.escape(vocab.this_suffix)})?(?![\w-])",
        "ago": rf"{start}(?P<dir>{_alt([*vocab.ago_words, *vocab.ahead_words])})\s+"
        rf"(?P<n>{number})\s+(?P<u>{_alt(vocab.units)}){end}",
        "weekday": rf"{start}(?:(?P<det>{this})\s+)?(?P<wd>{weekday}){end}"
        rf"(?:\s+(?P<part>{daypart}){end})?(?:\s+(?P<mod>{mod}){end})?" + _time("t", vocab),
        **_timeml_patterns(vocab, number, month, count),
    }
    return tuple((name, re.compile(rx, re.IGNORECASE)) for name, rx in specs.items())


def _timeml_patterns(vocab: Vocabulary, number: str, month: str, count: str) -> dict[str, str]:
    """Patterns for times of day, durations, sets, references, festivals, bare years."""
    start, end = r"(?<![\w-])", r"(?![\w-])"
    # "vingt-cinq", "trente et un", "30,4", "12"
    word_number = _words_alt(vocab.number_words)
    link = r"(?:-|\s+et\s+|\s*-\s*et\s*-\s*)"
    amount = rf"(?:\d{{1,4}}(?:[.,]\d+)?|(?:{word_number})(?:{link}(?:{word_number}))*)"
    units = _alt(vocab.duration_units)
    marks = r"(?:h(?![^\W\d_])|heures?(?!\w))"
    clock = rf"(?P<hh>[01]?\d|2[0-3])\s*{marks}(?:\s*(?P<mm>[0-5]\d)(?!\d))?"
    out = {
        "clock": rf"{start}(?:(?P<lead>{_alt(vocab.clock_lead_words)})\s+)?{clock}",
        "day_part": rf"{start}(?P<det>{_alt(vocab.day_part_determiners)})(?:(?<=')|\s+)"
        rf"(?P<part>{_alt(vocab.day_part_codes)}){end}",
        "duration": rf"{start}(?P<n>{amount})\s+(?P<u>{units}){end}",
        "vague_duration": rf"{start}(?P<q>{_alt(vocab.vague_quantities)})\s+(?P<u>{units}){end}",
        "set": rf"{start}(?:{_alt(vocab.set_openers)})\s+(?:(?P<n>{amount})\s+)?"
        rf"(?P<u>{units}){end}",
        "set_per": rf"{start}(?:{_alt(vocab.set_per_words)})\s+(?P<u>{units}){end}",
        "reference": rf"{start}(?P<w>{_alt([*vocab.reference_words, *vocab.today_words])}){end}",
        "month_two_digit_year": rf"{start}(?P<m>{month})\s+'?(?P<yy>\d\d){end}"
        rf"(?![.,]\d)(?!\s*(?:{count}|{units})(?!\w))",
        "year_slash": rf"(?<![\w/.-])(?P<y1>{_YEAR})\s*/\s*(?P<y2>{_YEAR})(?![\w/-])",
        "bare_month": rf"{start}(?P<m>{month}){end}",
        "bare_year": rf"(?<![\w/.,'’-])(?P<y>{_YEAR})(?![\w/-])(?![.,]\d)(?!\s*{count}(?!\w))",
    }
    if vocab.unit_references:
        out["unit_reference"] = (
            rf"{start}(?P<w>{_alt(vocab.unit_references)})\s+(?P<u>{units}){end}"
        )
    if vocab.approximate_numbers:
        out["approximate_duration"] = (
            rf"{start}(?:une\s+)?(?P<a>{_alt(vocab.approximate_numbers)})\s+d(?:e\s+|')"
            rf"(?P<u>{units}){end}"
        )
    if vocab.clock_words:
        out["clock_word"] = rf"{start}(?P<cw>{_alt(vocab.clock_words)}){end}"
    if vocab.duration_nouns:
        out["duration_noun"] = rf"{start}(?P<dn>{_alt(vocab.duration_nouns)}){end}"
    if vocab.festivals:
        out["festival"] = rf"{start}(?P<f>{_alt(vocab.festivals)})(?:\s+(?P<y>{_YEAR}))?{end}"
    return out


# --------------------------------------------------------------------------- candidates


@dataclass(frozen=True)
class Point:
    """A calendar point with the fields the text gives (others None)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    hour: int | None = None
    minute: int | None = None
    season: str | None = None  # season or part of the year: SP, SU, FA, WI, Q1-Q4, H1, H2
    decade: str | None = None
    direction: str | None = None  # "last", "next", "this" or None
    part: str | None = None  # part of the day in TimeML ("MO", "EV") or a clock "12:00"


@dataclass
class _Found:
    start: int
    end: int
    kind: str  # "point", "range", "relative"
    points: tuple[Point, ...] = ()
    unit: str | None = None
    offset: int = 0
    priority: int = 0
    parts: list[_Found] = field(default_factory=list)
    rule: str = ""
    value: str | None = None  # a value the text fixes by itself (durations, sets, refs)
    timex_type: str | None = None  # DURATION, SET, ... when the rule knows it
    part: str | None = None  # part of the day for relative days ("hier soir")
    hour: int | None = None  # clock time on the day of reference ("18 h")
    minute: int | None = None
    festival: str | None = None  # "12-25" or "easter+49"

    @property
    def explicit_years(self) -> list[int]:
        return [p.year for p in self.points if p.year is not None]


def _direction(word: str | None, vocab: Vocabulary) -> str | None:
    if not word:
        return None
    word = re.sub(r"\s+", " ", word.lower())
    if word in vocab.last_words:
        return _LAST
    if word in vocab.next_words:
        return _NEXT
    return None


def _month(word: str | None, vocab: Vocabulary) -> int | None:
    if not word:
        return None
    word = word.lower()
    return vocab.months.get(word) or vocab.month_abbreviations.get(word)


def _day(word: str | None, vocab: Vocabulary) -> int | None:
    if not word:
        return None
    return 1 if word.lower() in vocab.first_day else int(word)


def _valid_day(year: int | None, month: int, day: int) -> bool:
    try:
        date(year or 2024, month, day)  # 2024 is a leap year: 29 February stays valid
    except ValueError:
        return False
    return True


def _time_fields(m: re.Match[str], prefix: str = "t") -> dict[str, int | None]:
    hh = m.groupdict().get(f"{prefix}hh")
    if hh is None:
        return {"hour": None, "minute": None}
    mm = m.groupdict().get(f"{prefix}mm")
    return {"hour": int(hh), "minute": int(mm) if mm else 0}


def _preceding_words(text: str, pos: int, n: int = 2) -> list[str]:
    return re.findall(r"[\w'-]+", text[max(0, pos - 60) : pos].lower())[-n:]


def _find_candidates(text: str, vocab: Vocabulary) -> list[_Found]:
    """Every pattern match turned into candidates (overlaps not yet resolved)."""
    found: list[_Found] = []
    for priority, (name, rx) in enumerate(_patterns(vocab)):
        handler = _HANDLERS[name]
        for m in rx.finditer(text):
            for f in handler(m, m.groupdict(), text, vocab):
                f.priority = priority
                f.rule = f.rule or name
                found.append(f)
    return found


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _whole(m: re.Match[str], kind: str, *points: Point, start: int | None = None) -> _Found:
    return _Found(m.start() if start is None else start, m.end(), kind, tuple(points))


def _from_numeric(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    y, mo, d = int(g["y"]), int(g["m"]), int(g["d"])
    if not 1 <= mo <= 12 or not _valid_day(y, mo, d):
        return []
    hour, minute = _int(g.get("thh")), _int(g.get("tmm"))
    if hour is not None and (hour > 23 or (minute or 0) > 59):
        hour = minute = None
    if hour is not None and minute is None:
        minute = 0
    return [_whole(m, "point", Point(y, mo, d, hour=hour, minute=minute))]


def _from_day_range(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    m2 = _month(g["m2"], vocab)
    m1 = _month(g["m1"], vocab) or m2
    d1, d2 = _day(g["d1"], vocab), _day(g["d2"], vocab)
    y1, y2 = _int(g["y1"]), _int(g["y2"])
    if m1 is None or m2 is None or not (_valid_day(y1, m1, d1) and _valid_day(y2, m2, d2)):
        return []
    if g["lead"] is not None:
        links = vocab.day_ranges[re.sub(r"\s+", " ", g["lead"].lower())]
    elif g["wd1"] is not None:
        links = vocab.day_range_links_after_weekday
    else:
        return []
    if re.sub(r"\s+", " ", g["link"].lower()) not in links:
        return []  # "du 26 juillet 2023 et le 26 juillet dernier": two dates, not a range
    wd1 = vocab.weekdays.get((g["wd1"] or "").lower())
    wd2 = vocab.weekdays.get((g["wd2"] or "").lower())
    mod = _direction(g["mod"], vocab)
    first = Point(y1, m1, d1, weekday=wd1)
    return [_whole(m, "range", first, Point(y2, m2, d2, weekday=wd2, direction=mod))]


def _from_weekday_range(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    wd1, wd2 = vocab.weekdays[g["wd1"].lower()], vocab.weekdays[g["wd2"].lower()]
    mod = _direction(g["mod"], vocab)
    return [_whole(m, "range", Point(weekday=wd1), Point(weekday=wd2, direction=mod))]


def _from_month_range(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    m1, m2 = _month(g["m1"], vocab), _month(g["m2"], vocab)
    mod = _direction(g["mod"], vocab)
    return [_whole(m, "range", Point(_int(g["y1"]), m1), Point(_int(g["y2"]), m2, direction=mod))]


def _from_year_range(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    y1, y2 = int(g["y1"]), int(g["y2"])
    if not y1 < y2 <= y1 + 200:
        return []
    return [_whole(m, "range", Point(y1), Point(y2))]


def _from_date(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    mo, d, y = _month(g["m"], vocab), _day(g["d"], vocab), _int(g["y"])
    if mo is None or not _valid_day(y, mo, d) or _is_name(text, m, g, vocab):
        return []
    wd = vocab.weekdays.get((g["wd"] or "").lower())
    mod = _direction(g["mod"], vocab) if y is None else None
    return [_whole(m, "point", Point(y, mo, d, weekday=wd, direction=mod, **_time_fields(m)))]


def _from_day_current(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    d = _day(g["d"], vocab)
    wd = vocab.weekdays.get((g["wd"] or "").lower())
    return [_whole(m, "point", Point(day=d, weekday=wd, direction=_THIS))] if d <= 31 else []


def _from_month_year(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    return [_whole(m, "point", Point(int(g["y"]), _month(g["m"], vocab)))]


def _from_month(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    if g.get("sig") and g["m"][0].isupper() and g["m2"] is None:
        return []  # "depuis Mai": a capitalised month after a bare preposition is a name
    mod = _direction(g.get("mod"), vocab)
    start = m.start("m") if g.get("lead") is None else m.start()
    first = Point(month=_month(g["m"], vocab), direction=mod)
    if g["m2"] is None:
        return [_whole(m, "point", first, start=start)]
    # "en janvier et mars derniers": two months sharing one modifier
    second = Point(month=_month(g["m2"], vocab), direction=mod)
    parts = [
        _Found(start, m.end("m"), "point", (first,)),
        _Found(m.start("m2"), m.end(), "point", (second,)),
    ]
    return [_Found(start, m.end(), "pair", parts=parts)]


def _from_year(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    start = m.start("y") if g["lead"] is None else m.start()
    return [_whole(m, "point", Point(int(g["y"])), start=start)]


def _from_year_part(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    part = vocab.year_parts[re.sub(r"\s+", " ", g["part"].lower())]
    return [_whole(m, "point", Point(int(g["y"]), season=part))]


def _from_decade(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    prefix = g["c"] + g["dd"] if g["c"] else "19" + g["short"]
    return [_whole(m, "point", Point(decade=prefix))]


def _from_season(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    det = (g["det"] or "").lower()
    y, mod = _int(g["y"]), _direction(g["mod"], vocab)
    if y is None and mod is None:
        if not det:
            return []  # "printemps arabe", "a été": no determiner, no year, no direction
        mod = _THIS if det in vocab.this_words else None  # "l'automne": tense decides
    return [_whole(m, "point", Point(y, season=vocab.seasons[g["s"].lower()], direction=mod))]


def _from_relative_day(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    before = text[max(0, m.start() - 4) : m.start()].lower()
    if re.search(rf"(?<!\w){_alt(vocab.generic_before_relative_day)}\s*$", before):
        return []  # "les alliés d'hier", "l'Afrique de demain"
    found = _whole(m, "relative")
    found.unit, found.offset = "day", vocab.relative_days[g["w"].lower()]
    found.part = _part_code(g.get("part"), vocab)
    found.hour, found.minute = _time_fields(m).values()
    return [found]


def _from_this_daypart(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    found = _whole(m, "relative")
    found.unit, found.offset = "day", 0
    found.part = _part_code(g.get("part"), vocab)
    return [found]


def _from_unit(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    found = _whole(m, "relative")
    found.unit = _unit(g["u"], vocab)
    if g.get("n"):  # "il y a deux ans", "dans trois mois"
        n_word = g["n"].lower()
        n = int(n_word) if n_word.isdigit() else vocab.number_words[n_word]
        ago = re.sub(r"\s+", " ", g["dir"].lower()) in vocab.ago_words
        found.offset = -n if ago else n
    elif g.get("mod"):  # "la semaine dernière", "l'an prochain", "le mois courant"
        direction = _direction(g["mod"], vocab)
        found.offset = {_LAST: -1, _NEXT: 1}.get(direction or "", 0)
    return [found]


def _from_weekday(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    before = " ".join(_preceding_words(text, m.start(), 2))
    if any(before.endswith(h) for h in vocab.habitual_before_weekday):
        return []  # "chaque lundi"
    mod = _direction(g["mod"], vocab) or (_THIS if g["det"] else None)
    part = _part_code(g.get("part"), vocab)
    point = Point(
        weekday=vocab.weekdays[g["wd"].lower()], direction=mod, part=part, **_time_fields(m)
    )
    return [_whole(m, "point", point)]


def _part_code(word: str | None, vocab: Vocabulary) -> str | None:
    if not word:
        return None
    return vocab.day_part_codes.get(re.sub(r"\s+", " ", word.lower()))


def _number(word: str, vocab: Vocabulary) -> float | None:
    """A French number in digits or words: "12", "30,4", "vingt-cinq", "trente et un"."""
    word = word.lower().strip()
    if re.fullmatch(r"\d+(?:[.,]\d+)?", word):
        return float(word.replace(",", "."))
    total, current = 0, 0
    for token in re.split(r"[\s-]+", word):
        if token == "et":
            continue
        if token not in vocab.number_words:
            return None
        n = vocab.number_words[token]
        if n == 20 and current and current < 20 and total == 0:  # quatre-vingt
            current *= 20
        elif n == 100:
            current = (current or 1) * 100
        else:
            current += n
    return float(total + current)


def _duration_value(n: float | None, unit: str, vocab: Vocabulary) -> str | None:
    """TimeML duration: ``P10Y``, ``PT30.4S``, ``PXM`` (``n`` None for a vague amount)."""
    code = vocab.duration_units.get(re.sub(r"\s+", " ", unit.lower()))
    if code is None:
        return None
    m = re.fullmatch(r"(\d*)(T?)([A-Z])", code)
    if m is None:
        return None
    factor = int(m.group(1) or 1)
    if n is None:
        amount = "X"
    else:
        total = n * factor
        amount = str(int(total)) if total == int(total) else f"{total:g}"
    return f"P{m.group(2)}{amount}{m.group(3)}"


def _blocked_before(text: str, pos: int, words: Iterable[str]) -> bool:
    before = text[max(0, pos - 20) : pos].lower()
    pattern = rf"(?:(?<![\w-])|(?=[^\w\s])){_alt(words)}\s*$"
    return bool(words) and re.search(pattern, before) is not None


def _from_clock(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    mark = text[m.end("hh") : m.end()].strip().lower()
    if mark.startswith("heure") or mark == "":
        # "8 heures" is a time only after "à", "vers", "de" ...: otherwise a duration
        signals = [*vocab.clock_word_signals, *vocab.clock_lead_words, "de", "à"]
        if not g.get("lead") and not _blocked_before(text, m.start(), signals):
            return []
    if re.match(r"\s*(?:sur|/)\s*24", text[m.end() : m.end() + 8]):
        return []  # "24 h sur 24"
    found = _whole(m, "clock")
    found.hour, found.minute = int(g["hh"]), int(g["mm"] or 0)
    return [found]


def _from_clock_word(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    word = g["cw"]
    if word != word.lower() or not _blocked_before(text, m.start(), vocab.clock_word_signals):
        return []  # "le Midi", "entre midi et deux" is kept only after a signal
    found = _whole(m, "clock")
    found.hour, found.minute = vocab.clock_words[word.lower()], 0
    return [found]


def _from_day_part(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    found = _Found(m.start("part"), m.end(), "clock")
    if g["det"].lower().startswith(("en d", "en f", "en m", "tard", "tôt")):
        found.start = m.start()
    found.part = _part_code(g["part"], vocab)
    return [found]


def _from_duration(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    if _blocked_before(text, m.start(), vocab.duration_blockers):
        return []  # "il y a deux ans", "la guerre des 12 jours"
    if re.search(r"\d\s*$", text[max(0, m.start() - 4) : m.start()]):
        return []  # "20 22 30 jours": a list of numbers
    if g["n"][0].isdigit() and _blocked_before(text, m.start(), vocab.age_markers):
        if vocab.duration_units.get(g["u"].lower()) == "Y" and not _blocked_before(
            text, m.start(), vocab.age_kept_after
        ):
            return []  # "un chauffeur de 38 ans", "Florian, 26 ans,": an age
    n = _number(g["n"], vocab)
    value = _duration_value(n, g["u"], vocab) if n else None
    if value is None:
        return []
    return [_fixed(m, value, "DURATION")]


def _from_vague_duration(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    value = _duration_value(None, g["u"], vocab)
    return [_fixed(m, value, "DURATION")] if value else []


def _from_duration_noun(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    return [_fixed(m, vocab.duration_nouns[re.sub(r"\s+", " ", g["dn"].lower())], "DURATION")]


def _from_set(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    n = _number(g["n"], vocab) if g.get("n") else 1.0
    value = _duration_value(n, g["u"], vocab) if n else None
    return [_fixed(m, value, "SET")] if value else []


def _from_reference(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    word = re.sub(r"\s+", " ", g["w"].lower())
    if word in vocab.today_words:
        found = _whole(m, "relative")
        found.unit, found.offset = "day", 0
        return [found]
    return [_fixed(m, vocab.reference_words[word], "DATE")]


def _from_month_two_digit_year(
    m: re.Match[str], g: dict, text: str, vocab: Vocabulary
) -> list[_Found]:
    yy = int(g["yy"])
    year = (1900 if yy > vocab.two_digit_year_pivot else 2000) + yy
    return [_whole(m, "point", Point(year, _month(g["m"], vocab)))]


def _from_bare_year(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    if _blocked_before(text, m.start(), vocab.bare_year_blockers):
        return []
    before = re.findall(r"[\w'-]+|[.!?:;\n]", text[max(0, m.start() - 40) : m.start()])
    if before and before[-1][0].isupper() and not re.fullmatch(r"[A-Z]'", before[-1][:2]):
        return []  # "BAMEX 2025", "Euro 2016": part of a name
    if before and re.fullmatch(r"\d+", before[-1]):
        return []
    return [_whole(m, "point", Point(int(g["y"])))]


def _from_bare_month(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    if not g["m"].islower():
        return []  # "Mai Ahmed", "Mars": a capitalised bare month is a name
    if re.search(r"\d\s*$", text[max(0, m.start() - 4) : m.start()]):
        return []  # "du 23 mars" left out by the date rules (a name)
    return [_whole(m, "point", Point(month=_month(g["m"], vocab)))]


def _from_festival(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    name = g["f"]
    if " " not in name and name[0].islower():
        return []  # "l'ascension du Kilimandjaro": a festival name is capitalised
    found = _whole(m, "festival")
    found.festival = vocab.festivals[re.sub(r"\s+", " ", name.lower())]
    found.points = (Point(_int(g["y"])),)
    return [found]


def _from_unit_reference(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    return [_fixed(m, vocab.unit_references[re.sub(r"\s+", " ", g["w"].lower())], "DATE")]


def _from_approximate_duration(
    m: re.Match[str], g: dict, text: str, vocab: Vocabulary
) -> list[_Found]:
    n = vocab.approximate_numbers[g["a"].lower()]
    value = _duration_value(float(n), g["u"], vocab)
    return [_fixed(m, value, "DURATION")] if value else []


def _fixed(m: re.Match[str], value: str | None, kind: str) -> _Found:
    found = _whole(m, "fixed")
    found.value, found.timex_type = value, kind
    return found


_HANDLERS = {
    "iso": _from_numeric,
    "numeric": _from_numeric,
    "day_range": _from_day_range,
    "weekday_range": _from_weekday_range,
    "month_range": _from_month_range,
    "year_range": _from_year_range,
    "year_dash": _from_year_range,
    "date": _from_date,
    "day_current": _from_day_current,
    "month_year": _from_month_year,
    "month_mod": _from_month,
    "month": _from_month,
    "year": _from_year,
    "year_part": _from_year_part,
    "decade": _from_decade,
    "season": _from_season,
    "relative_day": _from_relative_day,
    "this_daypart": _from_this_daypart,
    "unit_mod": _from_unit,
    "unit_this": _from_unit,
    "ago": _from_unit,
    "weekday": _from_weekday,
    "clock": _from_clock,
    "clock_word": _from_clock_word,
    "day_part": _from_day_part,
    "duration": _from_duration,
    "vague_duration": _from_vague_duration,
    "duration_noun": _from_duration_noun,
    "set": _from_set,
    "set_per": _from_set,
    "reference": _from_reference,
    "month_two_digit_year": _from_month_two_digit_year,
    "year_slash": _from_year_range,
    "bare_year": _from_bare_year,
    "bare_month": _from_bare_month,
    "festival": _from_festival,
    "unit_reference": _from_unit_reference,
    "approximate_duration": _from_approximate_duration,
}


def _unit(word: str, vocab: Vocabulary) -> str:
    word = word.lower()
    if word in vocab.weekend_words:
        return "weekend"
    return vocab.units.get(word, word)


def _is_name(text: str, m: re.Match[str], g: dict[str, Any], vocab: Vocabulary) -> bool:
    """True for a date inside a proper name: "Stade du 26 Mars", "Mouvement du 23 mars"."""
    words = _preceding_words(text, m.start(), 3)
    if not words or words[-1] not in ("du", "de"):
        return False
    heads = [w.strip("'") for w in words[:-1]]
    if any(h in vocab.name_heads for h in heads):
        return True
    return g["m"][0].isupper() and g["y"] is None


def _select(found: list[_Found]) -> list[_Found]:
    """Keep the longest of overlapping candidates (earlier pattern on ties)."""
    chosen: list[_Found] = []
    for f in sorted(found, key=lambda f: (f.start - f.end, f.priority, f.start)):
        if any(f.start < c.end and c.start < f.end for c in chosen):
            continue
        chosen.append(f)
    for f in chosen:
        for part in f.parts:
            part.rule = part.rule or f.rule
    expanded = [part for f in chosen for part in (f.parts or [f])]
    return sorted(expanded, key=lambda f: f.start)


# --------------------------------------------------------------------------- tense


def clause_tense(text: str, start: int, end: int, vocab: Vocabulary | None = None) -> str | None:
    """Tense of the clause around ``text[start:end]``: ``"past"``, ``"future"`` or None.

    The nearest tense cue within eight words on either side, in the same sentence,
    decides: auxiliaries of compound past tenses, imperfect endings, future and
    conditional forms ("se rendrait", "devrait", "prévu").
    """
    vocab = vocab or load_vocabulary()
    left_text = re.split(r"[.!?;\n]", text[max(0, start - 300) : start])[-1]
    right_text = re.split(r"[.!?;\n]", text[end : end + 300])[0]
    left = re.findall(r"\w+", left_text)
    right = re.findall(r"\w+", right_text)
    for distance in range(1, 9):
        for words, i in ((left, len(left) - distance), (right, distance - 1)):
            if not 0 <= i < len(words):
                continue
            tense = _word_tense(words, i, vocab)
            if tense:
                return tense
    return None


def _word_tense(words: list[str], i: int, vocab: Vocabulary) -> str | None:
    word = words[i]
    lower = word.lower()
    if lower in vocab.future_cues:
        return _FUTURE
    if lower in vocab.past_cues:
        if i > 0 and words[i - 1].lower() in vocab.future_cues:
            return _FUTURE  # "aura été auditionné": future perfect
        return _PAST
    if word != lower:  # proper nouns carry no tense
        return None
    if len(lower) >= 6 and lower.endswith(vocab.future_suffixes):
        return _FUTURE
    if lower in vocab.past_auxiliaries_with_participle and i + 1 < len(words):
        following = words[i + 1].lower()
        if following.endswith(("é", "ée", "és", "ées", "i", "ie", "is", "ies", "u", "ue", "us")):
            return _PAST
    if len(lower) >= 6 and lower.endswith(("ait", "aient")):
        return _PAST
    return None


# --------------------------------------------------------------------------- anchors


@dataclass(frozen=True)
class Anchor:
    """The reference a relative expression is resolved against: a day, a day range or a year."""

    lo: date
    hi: date
    precision: str  # "day", "month" or "year"

    def iso(self) -> str:
        """ISO form: ``2025-06-23``, ``2025-11-11/2025-11-14``, ``2025-06`` or ``2025``."""
        if self.precision == "year":
            return f"{self.lo.year:04d}"
        if self.precision == "month":
            return f"{self.lo.year:04d}-{self.lo.month:02d}"
        if self.lo == self.hi:
            return self.lo.isoformat()
        return f"{self.lo.isoformat()}/{self.hi.isoformat()}"

    @classmethod
    def day(cls, d: date) -> Anchor:
        """An anchor on one day."""
        return cls(d, d, "day")

    @classmethod
    def year(cls, y: int) -> Anchor:
        """An anchor on a whole year."""
        return cls(date(y, 1, 1), date(y, 12, 31), "year")


def parse_published(published: str | None) -> Anchor | None:
    """The anchor for a publication date in ISO form (``2025-06-23``, ``2025-06-23T07:31``)."""
    if not published or not isinstance(published, str):
        return None
    value = published.strip()
    try:
        return Anchor.day(date.fromisoformat(value[:10]))
    except ValueError:
        pass
    m = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if m and 1 <= int(m.group(2)) <= 12:
        y, mo = int(m.group(1)), int(m.group(2))
        return Anchor(date(y, mo, 1), _month_end(y, mo), "month")
    m = re.fullmatch(r"(\d{4})", value)
    return Anchor.year(int(m.group(1))) if m else None


def _month_end(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def _document_anchor(
    found: list[_Found], text: str, vocab: Vocabulary, today: date
) -> Anchor | None:
    """The anchor an undated article gives itself (see the module docstring).

    Among candidate days, those in a future-tense clause ("le sommet se tiendra le
    12 décembre") only count when no other day is available.
    """

    def latest(days: list[tuple[_Found, tuple[date, date]]]) -> Anchor:
        settled = [iv for f, iv in days if clause_tense(text, f.start, f.end, vocab) != _FUTURE]
        lo, hi = max(settled or [iv for _, iv in days], key=lambda iv: (iv[1], iv[0]))
        return Anchor(lo, hi, "day")

    def placed(items: list[_Found], anchor: Anchor, tense: str | None) -> list:
        return [(f, iv) for f in items if (iv := _interval(f, anchor, tense)) is not None]

    partial = [f for f in found if _is_partial_day(f)]
    explicit = [(f, iv) for f in found if (iv := _explicit_days(f)) is not None]
    if explicit:
        return latest(explicit + placed(partial, latest(explicit), None))
    years = [y for f in found for y in f.explicit_years]
    count = _alt(vocab.count_nouns)
    pattern = rf"(?<![\w-])({_YEAR})(?![\w-])(?!\s*{count})"
    years += [int(y) for y in re.findall(pattern, text)]
    years = [y for y in years if y <= today.year]
    if vocab.start_signals:
        # "depuis 2012" starts a period that reaches the article's time: no anchor
        starts = rf"(?:{_alt(vocab.start_signals)})\s+$"
        anchoring = {
            int(m.group(1))
            for m in re.finditer(pattern, text)
            if not re.search(starts, text[max(0, m.start() - 12) : m.start()], re.IGNORECASE)
        }
        years = [y for y in years if y in anchoring]
    if years:
        base = Anchor.year(max(years))
        days = placed(partial, base, None)
        return latest(days) if days else base
    with_weekday = [f for f in partial if any(p.weekday for p in f.points)]
    days = placed(with_weekday, Anchor.day(today), _UP_TO)
    return latest(days) if days else None


def _explicit_days(f: _Found) -> tuple[date, date] | None:
    if f.kind == "point":
        p = f.points[0]
        if p.year and p.month and p.day:
            return date(p.year, p.month, p.day), date(p.year, p.month, p.day)
        return None
    if f.kind == "range":
        p1, p2 = f.points
        if p2.year and p2.month and p2.day:
            d2 = date(p2.year, p2.month, p2.day)
            d1 = _range_start(p1, d2)
            return (d1, d2) if d1 else None
    return None


def _is_partial_day(f: _Found) -> bool:
    last = f.points[-1] if f.points else None
    return (
        f.kind in ("point", "range")
        and last is not None
        and last.year is None
        and last.month is not None
        and last.day is not None
        and last.direction is None
    )


def _interval(f: _Found, anchor: Anchor, tense: str | None) -> tuple[date, date] | None:
    value = _resolve(f, anchor, tense)
    if value is None:
        return None
    parts = value.split("/")
    try:
        lo = date.fromisoformat(parts[0][:10])
        hi = date.fromisoformat(parts[-1][:10])
    except ValueError:
        return None
    return lo, hi


# --------------------------------------------------------------------------- resolution


def _choose(cands: Iterable[int], lo: int, hi: int, direction: str | None) -> int | None:
    """Pick the occurrence the direction asks for among ``cands`` around ``[lo, hi]``."""
    ordered = sorted(set(cands))
    if not ordered:
        return None
    if direction == _LAST:
        pool = [c for c in ordered if c < lo]
        return pool[-1] if pool else None
    if direction == _NEXT:
        pool = [c for c in ordered if c > hi]
        return pool[0] if pool else None
    if direction == _PAST:
        pool = [c for c in ordered if c <= hi]
        return pool[-1] if pool else None
    if direction == _FUTURE:
        pool = [c for c in ordered if c >= lo]
        return pool[0] if pool else None
    inside = [c for c in ordered if lo <= c <= hi]
    if inside:
        return inside[0]
    return min(ordered, key=lambda c: (lo - c if c < lo else c - hi, c))


def _fmt_day(d: date, p: Point) -> str:
    value = d.isoformat()
    if p.hour is not None:
        value += f"T{p.hour:02d}:{p.minute or 0:02d}"
    elif p.part:
        value += f"T{p.part}"
    return value


def easter(year: int) -> date:
    """Easter Sunday of ``year`` (Gregorian computus, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _festival_day(code: str, year: int) -> date | None:
    m = re.fullmatch(r"easter([+-]\d+)", code)
    if m:
        return easter(year) + timedelta(days=int(m.group(1)))
    month, day = (int(x) for x in code.split("-"))
    return date(year, month, day) if _valid_day(year, month, day) else None


def _resolve_festival(f: _Found, anchor: Anchor | None, tense: str | None) -> str | None:
    code = f.festival or ""
    year = f.points[0].year if f.points else None
    if year is not None:
        day = _festival_day(code, year)
        return day.isoformat() if day else None
    if anchor is None:
        return None
    if anchor.precision != "day":
        tense = None
    cands = [
        d.toordinal()
        for y in range(anchor.lo.year - 1, anchor.hi.year + 2)
        if (d := _festival_day(code, y)) is not None
    ]
    chosen = _choose(cands, anchor.lo.toordinal(), anchor.hi.toordinal(), tense)
    return date.fromordinal(chosen).isoformat() if chosen is not None else None


def _resolve_point(p: Point, anchor: Anchor | None, tense: str | None) -> str | None:
    """The ISO value of a point, filling what the text leaves open from ``anchor``."""
    if p.decade:
        return p.decade
    if p.year is not None:
        if p.month and p.day:
            return _fmt_day(date(p.year, p.month, p.day), p)
        if p.month:
            return f"{p.year:04d}-{p.month:02d}"
        if p.season:
            return f"{p.year:04d}-{p.season}"
        return f"{p.year:04d}"
    if anchor is None:
        return None
    if anchor.precision != "day":
        tense = None  # where in a year we stand is unknown: tense cannot order occurrences
    direction = p.direction if p.direction in (_LAST, _NEXT) else tense
    direction = _PAST if direction == _UP_TO else direction
    if p.day and not p.month:  # "le 15 courant": a day of the anchor's month
        if anchor.precision == "year" or not _valid_day(anchor.lo.year, anchor.lo.month, p.day):
            return None
        return _fmt_day(date(anchor.lo.year, anchor.lo.month, p.day), p)
    if p.month and p.day:
        if p.weekday:  # the weekday fixes the year: the nearest one in which it matches
            years = range(anchor.lo.year - 11, anchor.hi.year + 12)  # the calendar repeats
            if anchor.precision == "day" and tense != _UP_TO:
                # a dated article: its date and the tense place the day and month; a
                # weekday that disagrees is the outlet's error (the row flags it)
                return _resolve_point(replace(p, weekday=None), anchor, tense)
            cands = [
                d.toordinal()
                for y in years
                if _valid_day(y, p.month, p.day)
                and (d := date(y, p.month, p.day)).isoweekday() == p.weekday
            ]
            direction = p.direction if p.direction in (_LAST, _NEXT) else None
            direction = _PAST if tense == _UP_TO and direction is None else direction
            if not cands:  # a weekday that matches no nearby year: keep the day and month
                return _resolve_point(replace(p, weekday=None), anchor, tense)
        else:
            years = range(anchor.lo.year - 1, anchor.hi.year + 2)
            cands = [
                date(y, p.month, p.day).toordinal() for y in years if _valid_day(y, p.month, p.day)
            ]
        chosen = _choose(cands, anchor.lo.toordinal(), anchor.hi.toordinal(), direction)
        return _fmt_day(date.fromordinal(chosen), p) if chosen is not None else None
    if p.month:
        cands = [y * 12 + p.month - 1 for y in range(anchor.lo.year - 1, anchor.hi.year + 2)]
        lo = anchor.lo.year * 12 + anchor.lo.month - 1
        hi = anchor.hi.year * 12 + anchor.hi.month - 1
        chosen = _choose(cands, lo, hi, direction)
        return f"{chosen // 12:04d}-{chosen % 12 + 1:02d}" if chosen is not None else None
    if p.weekday:
        if anchor.precision != "day":
            return None
        lo, hi = anchor.lo.toordinal(), anchor.hi.toordinal()
        cands = [
            o for o in range(lo - 14, hi + 15) if date.fromordinal(o).isoweekday() == p.weekday
        ]
        if p.direction == _THIS and tense is None:
            monday = lo - anchor.lo.isoweekday() + 1
            chosen = next((c for c in cands if monday <= c <= monday + 6), None)
        else:
            chosen = _choose(cands, lo, hi, direction)
        return _fmt_day(date.fromordinal(chosen), p) if chosen is not None else None
    if p.season:
        year = anchor.lo.year
        month = anchor.lo.month if anchor.precision != "year" else None
        first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[p.season]
        if p.direction is None:  # "l'automne": the tense places it, else a generic season
            if direction not in (_PAST, _FUTURE) or month is None:
                return f"XXXX-{p.season}"
            if direction == _PAST and month < first:
                year -= 1
            elif direction == _FUTURE and month > first + 2:
                year += 1
            return f"{year:04d}-{p.season}"
        if p.direction == _LAST and (month is None or month <= first + 2):
            year -= 1
        elif p.direction == _NEXT and (month is None or month >= first):
            year += 1
        return f"{year:04d}-{p.season}"
    return None


def _range_start(p1: Point, end: date) -> date | None:
    """The start of a range whose end is known: same month/year unless the text says more."""
    if p1.day is None and p1.month is None and p1.weekday:
        back = (end.isoweekday() - p1.weekday) % 7
        return end - timedelta(days=back)
    month = p1.month or end.month
    year = p1.year or end.year
    if p1.day is None or not _valid_day(year, month, p1.day):
        return None
    start = date(year, month, p1.day)
    if start > end and p1.year is None:
        if not _valid_day(year - 1, month, p1.day):
            return None
        start = date(year - 1, month, p1.day)
    return start


def _resolve_range(f: _Found, anchor: Anchor | None, tense: str | None) -> str | None:
    p1, p2 = f.points
    if p2.day is None and p2.weekday is None:  # years or months
        end = _resolve_point(p2, anchor, tense)
        if end is None:
            return None
        if p2.month is None:  # years
            return f"{p1.year:04d}/{end}"
        y2, m2 = int(end[:4]), int(end[5:7])
        y1 = p1.year if p1.year is not None else (y2 if p1.month <= m2 else y2 - 1)
        return f"{y1:04d}-{p1.month:02d}/{end}"
    end_value = _resolve_point(replace(p2, hour=None, minute=None), anchor, tense)
    if end_value is None:
        return None
    end = date.fromisoformat(end_value[:10])
    start = _range_start(p1, end)
    if start is None:
        return None
    return f"{start.isoformat()}/{end.isoformat()}"


def _resolve_relative(unit: str, offset: int, anchor: Anchor | None) -> str | None:
    if anchor is None:
        return None
    ref = anchor.lo
    if unit == "year":
        return f"{ref.year + offset:04d}"
    if unit == "month":
        if anchor.precision == "year":
            return None
        index = ref.year * 12 + ref.month - 1 + offset
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if anchor.precision != "day":
        return None
    if unit == "day":
        return (ref + timedelta(days=offset)).isoformat()
    if unit in ("week", "weekend"):
        year, week, _ = (ref + timedelta(weeks=offset)).isocalendar()
        return f"{year:04d}-W{week:02d}" + ("-WE" if unit == "weekend" else "")
    return None


def _resolve(f: _Found, anchor: Anchor | None, tense: str | None) -> str | None:
    if f.kind == "fixed":
        return f.value
    if f.kind == "festival":
        return _resolve_festival(f, anchor, tense)
    if f.kind == "clock":
        return None  # resolved in text order against the last day given
    if f.kind == "relative":
        if f.unit == "weekend" and f.offset == 0 and tense == _PAST and anchor is not None:
            if anchor.precision == "day" and anchor.lo.isoweekday() < 6:
                return _resolve_relative("weekend", -1, anchor)  # "ce week-end" now past
        value = _resolve_relative(f.unit or "", f.offset, anchor)
        if value and f.unit == "day" and f.hour is not None:
            value += f"T{f.hour:02d}:{f.minute or 0:02d}"
        elif value and f.part and f.unit == "day":
            value += f"T{f.part}"
        return value
    if f.kind == "range":
        return _resolve_range(f, anchor, tense)
    return _resolve_point(f.points[0], anchor, tense)


def _is_absolute(f: _Found) -> bool:
    if f.kind == "fixed":
        return True
    if f.kind in ("relative", "clock"):
        return False
    if f.kind == "festival":
        return bool(f.points and f.points[0].year is not None)
    last = f.points[-1]
    return last.year is not None or last.decade is not None


# --------------------------------------------------------------------------- public API


def extract_timex(
    text: str, published: str | None, today: date | None = None
) -> list[dict[str, Any]]:
    """Find the time expressions of an article and resolve them to TIMEX3 values.

    Args:
        text: Article body (``articles.text``); offsets refer to it.
        published: Publication date in ISO form, or None when the article prints none.
        today: Upper bound for an undated article whose dates carry no year at all
            (default: the current date).

    Returns:
        One dict per expression, in text order, with ``start``, ``end``, ``text``,
        ``value`` (ISO 8601 / TIMEX3, None when unresolvable), ``anchor`` (ISO form
        of the reference used: the publication date or the previous day in the text;
        None for absolute or unresolved expressions), ``type`` (DATE, TIME, DURATION,
        SET), ``rule`` (the pattern that fired), ``weekday_mismatch`` and
        ``range_value`` (``START/END`` on the two points of a range, else None).

    """
    if not text:
        return []
    vocab = load_vocabulary()
    norm = normalize_for_nlp(text)
    found = _select(_find_candidates(norm, vocab))
    anchor = parse_published(published)
    if anchor is None:
        anchor = _document_anchor(found, norm, vocab, today or date.today())
    rows = []
    clocks: dict[int, _Found] = {}
    for f in found:
        absolute = _is_absolute(f)
        tense = None if absolute else clause_tense(norm, f.start, f.end, vocab)
        used = None if absolute else anchor
        value = _resolve(f, used, tense)  # a time of day is placed by ``_place_clocks``
        row = {
            "start": f.start,
            "end": f.end,
            "text": text[f.start : f.end],
            "value": value,
            "anchor": None if used is None or value is None else used.iso(),
            "type": _timex_type(f, value),
            "rule": f.rule,
            "weekday_mismatch": _weekday_mismatch(f, value),
            "range_value": None,
        }
        # TimeML: a range is its two points (each with the range value), not a row
        rows += _range_points(f, row, text) or [row]
        if f.kind == "clock":
            clocks[id(row)] = f
    rows += _days_from_previous(text, norm, rows, vocab)
    rows.sort(key=lambda r: (r["start"], -r["end"]))
    _place_clocks(rows, clocks, norm, anchor)
    return rows


def _place_clocks(
    rows: list[dict[str, Any]], clocks: dict[int, _Found], norm: str, anchor: Anchor | None
) -> None:
    """Times of day on their day: the day right after them ("vers 15 h 30, hier"), else
    the last day the text gave before them (a date, "hier", "le lendemain"), else the
    publication day.
    """
    last: date | None = anchor.lo if anchor is not None and anchor.precision == "day" else None
    for i, row in enumerate(rows):
        f = clocks.get(id(row))
        if f is None:
            if row["rule"] != "range_start":  # a range's last day is its end point
                day = _DAY_VALUE.match(str(row["value"] or "").split("/")[-1])
                if day and row["type"] in ("DATE", "TIME"):
                    last = date.fromisoformat(day.group(0))
            continue
        reference = last
        following = next((r for r in rows[i + 1 :] if id(r) not in clocks), None)
        if following is not None and re.fullmatch(r"\s*,?\s*", norm[f.end : following["start"]]):
            day = _DAY_VALUE.match(str(following["value"] or ""))
            if day:
                reference = date.fromisoformat(day.group(0))
        row["value"] = _resolve_clock(f, reference)
        row["anchor"] = reference.isoformat() if reference and row["value"] else None


def _resolve_clock(f: _Found, reference: date | None) -> str | None:
    if reference is None:
        return None
    if f.hour is not None:
        return f"{reference.isoformat()}T{f.hour:02d}:{f.minute or 0:02d}"
    return f"{reference.isoformat()}T{f.part}" if f.part else None


def _timex_type(f: _Found, value: str | None) -> str:
    """TimeML type: DATE, TIME (a clock time or part of a day), DURATION or SET."""
    if f.timex_type in ("DURATION", "SET"):
        return f.timex_type
    if f.kind == "clock" or (value and re.match(r"^\d{4}-\d{2}-\d{2}T", value)):
        return "TIME"
    if value and value.endswith("_REF"):
        return "TIME"
    return "DATE"


def _weekday_mismatch(f: _Found, value: str | None) -> bool:
    """The text gives a weekday and a date it does not fall on ("mardi 3 mars 2021")."""
    if f.kind != "point" or not value:
        return False
    p = f.points[0]
    day = _DAY_VALUE.match(value)
    if p.weekday is None or p.day is None or day is None:
        return False
    return date.fromisoformat(day.group(0)).isoweekday() != p.weekday


def _range_points(f: _Found, row: dict[str, Any], text: str) -> list[dict[str, Any]]:
    """The two ends of a range as TimeML writes them ("de 1982 à 1990": two DATEs).

    They stand for the range (whose row is then dropped): rules ``range_start`` /
    ``range_end``, the range's anchor and ``range_value`` ``START/END``. Empty when
    the ends cannot be located in the text (the range row is kept).
    """
    value = row["value"]
    if f.kind != "range" or not value or "/" not in value:
        return []
    first, last = value.split("/")
    piece = text[f.start : f.end]
    p1, p2 = f.points
    if p1.year is not None and p1.month is None and p1.day is None:  # years
        years = [(m.start(), m.end()) for m in re.finditer(r"\d{4}", piece)]
        if len(years) < 2:
            return []
        spans = (years[0], years[-1])
    else:
        found_spans = _range_end_spans(piece)
        if found_spans is None:
            return []
        spans = found_spans
    out = []
    for (a, b), v, rule in zip(spans, (first, last), ("range_start", "range_end"), strict=True):
        out.append(
            {
                **row,
                "start": f.start + a,
                "end": f.start + b,
                "text": text[f.start + a : f.start + b],
                "value": v,
                "type": "TIME" if "T" in v[4:] else "DATE",
                "rule": rule,
                "weekday_mismatch": False,
                "range_value": value,
            }
        )
    return out


def _range_end_spans(piece: str) -> tuple[tuple[int, int], ...] | None:
    """Spans of the first and second point inside a day, weekday or month range."""
    vocab = load_vocabulary()
    names = {**vocab.months, **vocab.month_abbreviations, **vocab.weekdays}
    tokens = list(re.finditer(r"\d{1,4}(?:er|re|ᵉʳ)?|[^\W\d_]+\.?", piece))
    marks = [
        t
        for t in tokens
        if re.fullmatch(r"\d{1,2}(?:er|re|ᵉʳ)?|\d{4}", t.group(0))
        or t.group(0).lower() in names
        or t.group(0).lower() in vocab.first_day
    ]
    if len(marks) < 2:
        return None
    # the first point ends before the connector: the first mark after which a
    # non-mark word appears
    split = None
    for i, t in enumerate(marks[:-1]):
        gap = piece[t.end() : marks[i + 1].start()]
        if re.search(r"[^\W\d_]", gap) or "-" in gap:
            split = i
            break
    if split is None:
        return None
    return (marks[0].start(), marks[split].end()), (marks[split + 1].start(), marks[-1].end())


_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _days_from_previous(
    text: str, norm: str, rows: list[dict[str, Any]], vocab: Vocabulary
) -> list[dict[str, Any]]:
    """Days counted from the last day the text gave before ("le lendemain", "la veille").

    "La veille de l'élection" names its own reference and is left alone.
    """
    if not vocab.previous_day_offsets:
        return []
    words = _alt(vocab.previous_day_offsets)
    dets = _alt(vocab.previous_day_determiners or ("le", "la", "au", "à la", "du"))
    pattern = re.compile(
        rf"(?<![\w-]){dets}(?:(?<=')|\s+)({words})(?![\w-])"
        rf"(?!\s+(?:de|d'|du|des)\b)",
        re.IGNORECASE,
    )
    out: list[dict[str, Any]] = []
    for m in pattern.finditer(norm):
        if any(r["start"] < m.end() and m.start() < r["end"] for r in rows):
            continue
        before = [
            r for r in rows if r["end"] <= m.start() and _DAY_VALUE.match(str(r["value"] or ""))
        ]
        if not before:
            continue
        offset = vocab.previous_day_offsets[re.sub(r"\s+", " ", m.group(1).lower())]
        previous = str(before[-1]["value"]).split("/")
        reference = date.fromisoformat((previous[-1] if offset > 0 else previous[0])[:10])
        value = (reference + timedelta(days=offset)).isoformat()
        out.append(
            {
                "start": m.start(),
                "end": m.end(),
                "text": text[m.start() : m.end()],
                "value": value,
                "anchor": reference.isoformat(),
                "type": "DATE",
                "rule": "previous_day",
                "weekday_mismatch": False,
                "range_value": None,
            }
        )
    return out
