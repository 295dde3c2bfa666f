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
takes the nearest year in which it matches. Expressions that cannot be resolved
(a weekday in an article that gives no date at all) get ``value`` None. Durations,
"aujourd'hui" and narrative references ("la veille", "deux mois plus tard") are not
extracted.
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


def _invert(mapping: dict[Any, list[str]]) -> dict[str, Any]:
    return {word.lower(): key for key, words in mapping.items() for word in words}


@lru_cache(maxsize=4)
def load_vocabulary(path: Path | None = None) -> Vocabulary:
    """Read the time vocabulary (default ``resources/fr/timex.yaml``)."""
    raw = yaml.safe_load((path or VOCABULARY_PATH).read_text(encoding="utf-8"))

    def words(key: str) -> tuple[str, ...]:
        return tuple(str(w).lower() for w in raw.get(key, []))

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
    )


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any whitespace."""
    unique = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in unique) + ")"


# --------------------------------------------------------------------------- patterns


def _time(prefix: str, vocab: Vocabulary) -> str:
    """An optional clock time after a date: "à 07:31", ", 7h30", "- 10:15", "vers 14 heures"."""
    prep = _alt(vocab.time_prepositions)
    hours = _alt(vocab.hour_words)
    return (
        rf"(?:\s*[,|-]?\s*(?:{prep}\s+)?(?P<{prefix}hh>[01]?\d|2[0-3])\s*"
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
        "relative_day": rf"{start}(?P<w>{rel_day})(?:\s+(?P<part>{daypart}))?{end}",
        "this_daypart": rf"{start}{this}\s+(?P<part>{daypart}){end}(?!-)",
        "unit_mod": rf"{start}(?:{_alt(vocab.unit_determiners)}|{this})(?:(?<=')|\s+)"
        rf"(?P<u>{unit})\s+(?P<mod>{mod}){end}",
        "unit_this": rf"{start}{this}\s+(?P<u>{unit})(?:{re.escape(vocab.this_suffix)})?(?![\w-])",
        "ago": rf"{start}(?P<dir>{_alt([*vocab.ago_words, *vocab.ahead_words])})\s+"
        rf"(?P<n>{number})\s+(?P<u>{_alt(vocab.units)}){end}",
        "weekday": rf"{start}(?:(?P<det>{this})\s+)?(?P<wd>{weekday}){end}"
        rf"(?:\s+(?P<part>{daypart}){end})?(?:\s+(?P<mod>{mod}){end})?" + _time("t", vocab),
    }
    return tuple((name, re.compile(rx, re.IGNORECASE)) for name, rx in specs.items())


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
        if det not in vocab.this_words:
            return []  # "le printemps arabe": no year, no direction
        mod = _THIS
    return [_whole(m, "point", Point(y, season=vocab.seasons[g["s"].lower()], direction=mod))]


def _from_relative_day(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    before = text[max(0, m.start() - 4) : m.start()].lower()
    if re.search(rf"(?<!\w){_alt(vocab.generic_before_relative_day)}\s*$", before):
        return []  # "les alliés d'hier", "l'Afrique de demain"
    found = _whole(m, "relative")
    found.unit, found.offset = "day", vocab.relative_days[g["w"].lower()]
    return [found]


def _from_this_daypart(m: re.Match[str], g: dict, text: str, vocab: Vocabulary) -> list[_Found]:
    found = _whole(m, "relative")
    found.unit, found.offset = "day", 0
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
    point = Point(weekday=vocab.weekdays[g["wd"].lower()], direction=mod, **_time_fields(m))
    return [_whole(m, "point", point)]


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
    return value


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
    if f.kind == "relative":
        return _resolve_relative(f.unit or "", f.offset, anchor)
    if f.kind == "range":
        return _resolve_range(f, anchor, tense)
    return _resolve_point(f.points[0], anchor, tense)


def _is_absolute(f: _Found) -> bool:
    if f.kind == "relative":
        return False
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
        ``value`` (ISO 8601 / TIMEX3, None when unresolvable) and ``anchor`` (ISO form
        of the reference used, None for absolute or unresolved expressions).

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
    for f in found:
        absolute = _is_absolute(f)
        tense = None if absolute else clause_tense(norm, f.start, f.end, vocab)
        value = _resolve(f, None if absolute else anchor, tense)
        rows.append(
            {
                "start": f.start,
                "end": f.end,
                "text": text[f.start : f.end],
                "value": value,
                "anchor": None if absolute or anchor is None or value is None else anchor.iso(),
            }
        )
    rows += _days_from_previous(text, norm, rows, vocab)
    return sorted(rows, key=lambda r: r["start"])


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
    pattern = re.compile(
        rf"(?<![\w-])(?:le|la|au|à la|de la|du|dès le|dès la)\s+({words})(?![\w-])"
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
        offset = vocab.previous_day_offsets[m.group(1).lower()]
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
            }
        )
    return out
