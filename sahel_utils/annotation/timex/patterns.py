"""The grammar of French time expressions: one named regex per rule, built from the words.

:func:`patterns` gives the compiled patterns in priority order (an earlier one wins a
tie in length); each name is a rule of :mod:`.matching`, which turns its matches into
candidates.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sahel_utils.annotation.timex.vocabulary import YEAR, Vocabulary, alt

_START, _END = r"(?<![\w-])", r"(?!\w)"
_END_NO_HYPHEN = r"(?![\w-])"


def _hour_mark(vocab: Vocabulary) -> str:
    """The mark after an hour: a letter not followed by a letter ("22 h"), or a word."""
    letters = [w for w in vocab.clock_hour_marks if len(w) == 1]
    words = [w for w in vocab.clock_hour_marks if len(w) > 1]
    return rf"(?:{alt(letters)}(?![^\W\d_])|{alt(words)}(?!\w))"


def _time(prefix: str, vocab: Vocabulary) -> str:
    """An optional clock time after a date: "à 07:31", ", 7h30", "- 10:15", "vers 14 heures".

    After a comma a preposition starts a phrase of its own: in "lundi 17 février, à
    14 h 30" the time is a second expression (TimeML), resolved on that day.
    """
    prep = alt(vocab.time_prepositions)
    letters = alt(w for w in vocab.clock_hour_marks if len(w) == 1)
    hours = alt(vocab.hour_words)
    return (
        rf"(?:(?:\s*[|-]?\s*(?:{prep}\s+)?|\s*,\s*)(?P<{prefix}hh>[01]?\d|2[0-3])\s*"
        rf"(?:{letters}(?![^\W\d_])|:|{hours}(?!\w))(?:\s*(?P<{prefix}mm>[0-5]\d))?(?!\d))?"
    )


def _elided(words: tuple[str, ...]) -> str:
    """``words`` before what follows: "de " (with a space) or "d'" (elided, no space)."""
    spaced = [w for w in words if not w.endswith("'")]
    elided = [w for w in words if w.endswith("'")]
    return rf"(?:{alt(spaced)}\s+|{alt(elided)})"


@lru_cache(maxsize=4)
def patterns(vocab: Vocabulary) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The compiled patterns, in priority order (an earlier one wins a tie in length)."""
    specs = {
        **_day_patterns(vocab),
        **_month_year_patterns(vocab),
        **_relative_patterns(vocab),
        **_timeml_patterns(vocab),
    }
    return tuple((name, re.compile(rx, re.IGNORECASE)) for name, rx in specs.items())


def _day(vocab: Vocabulary) -> str:
    return rf"(?:{alt(vocab.first_day)}|[12]\d|3[01]|0?[1-9])(?!\d)"


def _mod(vocab: Vocabulary) -> str:
    return alt([*vocab.last_words, *vocab.next_words, *vocab.current_month_words])


def _lead(vocab: Vocabulary) -> str:
    return rf"(?:(?P<lead>{alt(vocab.lead_words_in_span)})(?:(?<=-)|\s+))"


def _year_end(vocab: Vocabulary) -> str:
    return rf"(?![\w-])(?!\s*{alt(vocab.count_nouns)}(?!\w))"


def _day_patterns(vocab: Vocabulary) -> dict[str, str]:
    """Full dates, day ranges and ranges of weekdays, months and years."""
    month = alt(vocab.months)
    month_any = alt([*vocab.months, *vocab.month_abbreviations])
    weekday, day, mod, year = alt(vocab.weekdays), _day(vocab), _mod(vocab), YEAR
    range_open, range_link = alt(vocab.range_openers), alt(vocab.range_connectors)
    day_links = alt(
        [*(link for links in vocab.day_ranges.values() for link in links)]
        + list(vocab.day_range_links_after_weekday)
    )
    after_open = r"(?:(?<=')|\s+)"  # "d'avril" or "de avril"
    return {
        "iso": r"(?<![\w/.-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
        r"(?:[T ](?P<thh>\d{2}):(?P<tmm>\d{2}))?(?![\w-])",
        "numeric": r"(?<![\w/.])(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4})(?![\d/])"
        + _time("t", vocab),
        "day_range": rf"{_START}(?:(?P<lead>{alt(vocab.day_ranges)})\s+)?"
        rf"(?:(?P<wd1>{weekday})\s+)?(?P<d1>{day})"
        rf"(?:\s+(?P<m1>{month_any})(?:\s+(?P<y1>{year}))?)?(?:\s*,\s*{day})*"
        rf"\s*(?P<link>{day_links})\s*(?:(?P<wd2>{weekday})\s+)?"
        rf"(?P<d2>{day})\s+(?P<m2>{month_any})(?:\s+(?P<y2>{year}))?(?:\s+(?P<mod>{mod}))?{_END}",
        "weekday_range": rf"{_START}{range_open}{after_open}(?P<wd1>{weekday})\s+{range_link}\s+"
        rf"(?P<wd2>{weekday})(?:\s+(?P<mod>{mod}))?{_END}",
        "month_range": rf"{_START}{range_open}{after_open}(?P<m1>{month})"
        rf"(?:\s+(?P<y1>{year}))?\s+{range_link}\s+(?P<m2>{month})"
        rf"(?:\s+(?P<y2>{year}))?(?:\s+(?P<mod>{mod}))?{_END}",
        "year_range": rf"{_START}{range_open}\s+(?:{_lead(vocab)})?(?P<y1>{year})\s+{range_link}\s+"
        rf"(?:{alt(vocab.lead_words_in_span)}\s+)?(?P<y2>{year}){_year_end(vocab)}",
        "year_dash": rf"(?<![\w/.-])(?P<y1>{year})\s*-\s*(?P<y2>{year})(?![\w-])",
        "date": rf"{_START}(?:(?P<det>{alt(vocab.date_determiners)})\s+)?"
        rf"(?:(?P<wd>{weekday})\s+)?(?P<d>{day})\s+(?P<m>{month_any})(?:\s+(?P<y>{year}))?"
        rf"(?:\s+(?P<mod>{mod}))?{_END}" + _time("t", vocab),
        "day_current": rf"{_START}(?:{alt(vocab.date_determiners)})\s+(?:(?P<wd>{weekday})\s+)?"
        rf"(?P<d>{day})\s+{alt(vocab.current_month_words)}{_END}",
    }


def _month_year_patterns(vocab: Vocabulary) -> dict[str, str]:
    """Months, years, parts of a year, decades and seasons."""
    month, mod, year = alt(vocab.months), _mod(vocab), YEAR
    lead, signal, year_end = _lead(vocab), alt(vocab.signal_words), _year_end(vocab)
    and_ = rf"\s*(?:,|{alt(vocab.and_words)})\s*"
    return {
        "month_year": rf"{_START}{lead}?(?P<m>{month})\s+(?P<y>{year}){year_end}",
        "month_mod": rf"{_START}{lead}?(?P<m>{month})(?:{and_}(?P<m2>{month}))?"
        rf"\s+(?P<mod>{mod}){_END}",
        "month": rf"{_START}(?:(?P<sig>{signal})\s+|{lead})(?P<m>{month})"
        rf"(?:{and_}(?P<m2>{month}))?{_END}(?!\s*-)",
        "year": rf"{_START}(?:(?P<sig>{signal})\s+|{lead})(?P<y>{year}){year_end}",
        "year_part": rf"{_START}(?:{alt(vocab.year_part_determiners)}\s+)?"
        rf"(?P<part>{alt(vocab.year_parts)})\s+(?:{alt(vocab.year_part_links)}\s+)?"
        rf"(?P<y>{year}){year_end}",
        "decade": rf"{_START}{alt(vocab.decade_openers)}\s+{alt(vocab.decade_words)}\s+"
        r"(?:(?P<c>19|20)(?P<dd>\d)0|(?P<short>[2-9])0)(?!\d)",
        "season": rf"{_START}(?:(?P<det>{alt(vocab.season_determiners)})(?:(?<=')|\s+))?"
        rf"(?P<s>{alt(vocab.seasons)})(?:\s+(?P<y>{year})|\s+(?P<mod>{mod}))?{_END}",
    }


def _relative_patterns(vocab: Vocabulary) -> dict[str, str]:
    """Relative days and units ("hier soir", "la semaine dernière", "il y a deux ans")."""
    weekday, mod = alt(vocab.weekdays), _mod(vocab)
    this, daypart = alt(vocab.this_words), alt(vocab.day_parts)
    number = rf"(?:\d{{1,3}}|{alt(vocab.number_words)})"
    calendar_units = [u for u, kind in vocab.units.items() if kind != "day"]
    unit = alt([*calendar_units, *vocab.weekend_words])
    rel_day = alt(w for w in vocab.relative_days if w not in vocab.relative_days_skipped)
    return {
        "relative_day": rf"{_START}(?P<w>{rel_day})(?:,?\s+(?P<wd>{weekday}))?"
        rf"(?:\s+(?P<part>{daypart}))?{_END}" + _time("t", vocab),
        "this_daypart": rf"{_START}{this}\s+(?P<part>{daypart}){_END}(?!-)",
        "unit_mod": rf"{_START}(?:{alt(vocab.unit_determiners)}|{this})(?:(?<=')|\s+)"
        rf"(?P<u>{unit})\s+(?P<mod>{mod}){_END}",
        "unit_this": rf"{_START}{this}\s+(?P<u>{unit})(?:{re.escape(vocab.this_suffix)})?"
        r"(?![\w-])",
        "ago": rf"{_START}(?P<dir>{alt([*vocab.ago_words, *vocab.ahead_words])})\s+"
        rf"(?P<n>{number})\s+(?P<u>{alt(vocab.units)}){_END}",
        "weekday": rf"{_START}(?:(?P<det>{this})\s+)?(?P<wd>{weekday}){_END}"
        rf"(?:\s+(?P<part>{daypart}){_END})?(?:\s+(?P<mod>{mod}){_END})?" + _time("t", vocab),
    }


def _amount(vocab: Vocabulary) -> str:
    """A number in digits or words: "vingt-cinq", "trente et un", "30,4", "12"."""
    word_number = alt(vocab.number_words)
    and_ = alt(vocab.and_words)
    link = rf"(?:-|\s+{and_}\s+|\s*-\s*{and_}\s*-\s*)"
    return rf"(?:\d{{1,4}}(?:[.,]\d+)?|(?:{word_number})(?:{link}(?:{word_number}))*)"


def _timeml_patterns(vocab: Vocabulary) -> dict[str, str]:
    """Patterns for times of day, durations, sets, references, festivals, bare years."""
    start, end = _START, _END_NO_HYPHEN
    month, count = alt(vocab.months), alt(vocab.count_nouns)
    amount, units = _amount(vocab), alt(vocab.duration_units)
    clock = rf"(?P<hh>[01]?\d|2[0-3])\s*{_hour_mark(vocab)}(?:\s*(?P<mm>[0-5]\d)(?!\d))?"
    out = {
        "clock": rf"{start}(?:(?P<lead>{alt(vocab.clock_lead_words)})\s+)?{clock}",
        "day_part": rf"{start}(?P<det>{alt(vocab.day_part_determiners)})(?:(?<=')|\s+)"
        rf"(?P<part>{alt(vocab.day_part_codes)}){end}",
        "duration": rf"{start}(?P<n>{amount})\s+(?P<u>{units}){end}",
        "vague_duration": rf"{start}(?P<q>{alt(vocab.vague_quantities)})\s+(?P<u>{units}){end}",
        "set": rf"{start}(?:{alt(vocab.set_openers)})\s+(?:(?P<n>{amount})\s+)?"
        rf"(?P<u>{units}){end}",
        "set_per": rf"{start}(?:{alt(vocab.set_per_words)})\s+(?P<u>{units}){end}",
        "reference": rf"{start}(?P<w>{alt([*vocab.reference_words, *vocab.today_words])}){end}",
        "month_two_digit_year": rf"{start}(?P<m>{month})\s+'?(?P<yy>\d\d){end}"
        rf"(?![.,]\d)(?!\s*(?:{count}|{units})(?!\w))",
        "year_slash": rf"(?<![\w/.-])(?P<y1>{YEAR})\s*/\s*(?P<y2>{YEAR})(?![\w/-])",
        "bare_month": rf"{start}(?P<m>{month}){end}",
        "bare_year": rf"(?<![\w/.,'’-])(?P<y>{YEAR})(?![\w/-])(?![.,]\d)(?!\s*{count}(?!\w))",
    }
    if vocab.unit_references:
        out["unit_reference"] = rf"{start}(?P<w>{alt(vocab.unit_references)})\s+(?P<u>{units}){end}"
    if vocab.approximate_numbers:
        out["approximate_duration"] = (
            rf"{start}(?:{alt(vocab.approximate_articles)}\s+)?"
            rf"(?P<a>{alt(vocab.approximate_numbers)})\s+{_elided(vocab.approximate_links)}"
            rf"(?P<u>{units}){end}"
        )
    if vocab.clock_words:
        out["clock_word"] = rf"{start}(?P<cw>{alt(vocab.clock_words)}){end}"
    if vocab.duration_nouns:
        out["duration_noun"] = rf"{start}(?P<dn>{alt(vocab.duration_nouns)}){end}"
    if vocab.festivals:
        out["festival"] = rf"{start}(?P<f>{alt(vocab.festivals)})(?:\s+(?P<y>{YEAR}))?{end}"
    return out
