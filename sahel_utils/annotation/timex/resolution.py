"""Values of candidates: what the text leaves open is filled from the anchor.

An open expression takes the occurrence its wording asks for ("dernier": before the
anchor, "prochain": after it, "ce lundi": in the anchor's week), else the one the
clause's tense points to, else the one inside or nearest to the anchor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta

from sahel_utils.annotation.timex.model import Anchor, Found, Point, valid_day
from sahel_utils.annotation.timex.vocabulary import FUTURE, LAST, NEXT, PAST, THIS, UP_TO

#: First month of each season (TIMEX3 codes).
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def resolve(f: Found, anchor: Anchor | None, tense: str | None) -> str | None:
    """The TIMEX3 value of candidate ``f`` (None when the text and anchor leave it open).

    Times of day (``clock``) are left None: they are placed in text order on the last
    day given (see :mod:`.rows`).
    """
    if f.kind == "fixed":
        return f.value
    if f.kind == "festival":
        return _resolve_festival(f, anchor, tense)
    if f.kind == "clock":
        return None  # resolved in text order against the last day given
    if f.kind == "relative":
        return _resolve_relative_found(f, anchor, tense)
    if f.kind == "range":
        return _resolve_range(f, anchor, tense)
    return resolve_point(f.points[0], anchor, tense)


def is_absolute(f: Found) -> bool:
    """Whether ``f`` needs no anchor (its year, decade or value is in the text)."""
    if f.kind == "fixed":
        return True
    if f.kind in ("relative", "clock"):
        return False
    if f.kind == "festival":
        return bool(f.points and f.points[0].year is not None)
    last = f.points[-1]
    return last.year is not None or last.decade is not None


def _choose(cands: Iterable[int], lo: int, hi: int, direction: str | None) -> int | None:
    """Pick the occurrence the direction asks for among ``cands`` around ``[lo, hi]``."""
    ordered = sorted(set(cands))
    if not ordered:
        return None
    if direction == LAST:
        pool = [c for c in ordered if c < lo]
        return pool[-1] if pool else None
    if direction == NEXT:
        pool = [c for c in ordered if c > hi]
        return pool[0] if pool else None
    if direction == PAST:
        pool = [c for c in ordered if c <= hi]
        return pool[-1] if pool else None
    if direction == FUTURE:
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


def _day_ordinal(chosen: int | None, p: Point) -> str | None:
    return _fmt_day(date.fromordinal(chosen), p) if chosen is not None else None


# --------------------------------------------------------------------------- festivals


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
    return date(year, month, day) if valid_day(year, month, day) else None


def _resolve_festival(f: Found, anchor: Anchor | None, tense: str | None) -> str | None:
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


# --------------------------------------------------------------------------- points


def resolve_point(p: Point, anchor: Anchor | None, tense: str | None) -> str | None:
    """The ISO value of a point, filling what the text leaves open from ``anchor``."""
    if p.decade:
        return p.decade
    if p.year is not None:
        return _dated(p, p.year)
    if anchor is None:
        return None
    if anchor.precision != "day":
        tense = None  # where in a year we stand is unknown: tense cannot order occurrences
    direction = p.direction if p.direction in (LAST, NEXT) else tense
    direction = PAST if direction == UP_TO else direction
    if p.day and not p.month:  # "le 15 courant": a day of the anchor's month
        return _day_of_anchor_month(p, p.day, anchor)
    if p.month and p.day:
        return _day_and_month(p, p.month, p.day, anchor, tense, direction)
    if p.month:
        return _month_near(p.month, anchor, direction)
    if p.weekday:
        return _weekday_near(p, p.weekday, anchor, tense, direction)
    if p.season:
        return _season_near(p.season, p.direction, anchor, direction)
    return None


def _dated(p: Point, year: int) -> str:
    """A point whose year the text gives: as precise as the text."""
    if p.month and p.day:
        return _fmt_day(date(year, p.month, p.day), p)
    if p.month:
        return f"{year:04d}-{p.month:02d}"
    if p.season:
        return f"{year:04d}-{p.season}"
    return f"{year:04d}"


def _day_of_anchor_month(p: Point, day: int, anchor: Anchor) -> str | None:
    if anchor.precision == "year" or not valid_day(anchor.lo.year, anchor.lo.month, day):
        return None
    return _fmt_day(date(anchor.lo.year, anchor.lo.month, day), p)


def _day_and_month(
    p: Point, month: int, day: int, anchor: Anchor, tense: str | None, direction: str | None
) -> str | None:
    """A day and month: the year the direction asks for, or the one the weekday fixes."""
    if p.weekday:  # the weekday fixes the year: the nearest one in which it matches
        if anchor.precision == "day" and tense != UP_TO:
            # a dated article: its date and the tense place the day and month; a
            # weekday that disagrees is the outlet's error (the row flags it)
            return resolve_point(replace(p, weekday=None), anchor, tense)
        years = range(anchor.lo.year - 11, anchor.hi.year + 12)  # the calendar repeats
        cands = [
            d.toordinal()
            for y in years
            if valid_day(y, month, day) and (d := date(y, month, day)).isoweekday() == p.weekday
        ]
        if not cands:  # a weekday that matches no nearby year: keep the day and month
            return resolve_point(replace(p, weekday=None), anchor, tense)
        direction = p.direction if p.direction in (LAST, NEXT) else None
        direction = PAST if tense == UP_TO and direction is None else direction
    else:
        years = range(anchor.lo.year - 1, anchor.hi.year + 2)
        cands = [date(y, month, day).toordinal() for y in years if valid_day(y, month, day)]
    chosen = _choose(cands, anchor.lo.toordinal(), anchor.hi.toordinal(), direction)
    return _day_ordinal(chosen, p)


def _month_near(month: int, anchor: Anchor, direction: str | None) -> str | None:
    cands = [y * 12 + month - 1 for y in range(anchor.lo.year - 1, anchor.hi.year + 2)]
    lo = anchor.lo.year * 12 + anchor.lo.month - 1
    hi = anchor.hi.year * 12 + anchor.hi.month - 1
    chosen = _choose(cands, lo, hi, direction)
    return f"{chosen // 12:04d}-{chosen % 12 + 1:02d}" if chosen is not None else None


def _weekday_near(
    p: Point, weekday: int, anchor: Anchor, tense: str | None, direction: str | None
) -> str | None:
    if anchor.precision != "day":
        return None
    lo, hi = anchor.lo.toordinal(), anchor.hi.toordinal()
    cands = [o for o in range(lo - 14, hi + 15) if date.fromordinal(o).isoweekday() == weekday]
    if p.direction == THIS and tense is None:
        monday = lo - anchor.lo.isoweekday() + 1
        chosen = next((c for c in cands if monday <= c <= monday + 6), None)
    else:
        chosen = _choose(cands, lo, hi, direction)
    return _day_ordinal(chosen, p)


def _season_near(season: str, own: str | None, anchor: Anchor, direction: str | None) -> str | None:
    """A season without a year: its own direction ("l'été dernier"), else the tense's."""
    year = anchor.lo.year
    month = anchor.lo.month if anchor.precision != "year" else None
    first = _SEASON_START[season]
    if own is None:  # "l'automne": the tense places it, else a generic season
        if direction not in (PAST, FUTURE) or month is None:
            return f"XXXX-{season}"
        if direction == PAST and month < first:
            year -= 1
        elif direction == FUTURE and month > first + 2:
            year += 1
        return f"{year:04d}-{season}"
    if own == LAST and (month is None or month <= first + 2):
        year -= 1
    elif own == NEXT and (month is None or month >= first):
        year += 1
    return f"{year:04d}-{season}"


# --------------------------------------------------------------------------- ranges


def range_start(p1: Point, end: date) -> date | None:
    """The start of a range whose end is known: same month/year unless the text says more."""
    if p1.day is None and p1.month is None and p1.weekday:
        back = (end.isoweekday() - p1.weekday) % 7
        return end - timedelta(days=back)
    month = p1.month or end.month
    year = p1.year or end.year
    if p1.day is None or not valid_day(year, month, p1.day):
        return None
    start = date(year, month, p1.day)
    if start > end and p1.year is None:
        if not valid_day(year - 1, month, p1.day):
            return None
        start = date(year - 1, month, p1.day)
    return start


def _resolve_range(f: Found, anchor: Anchor | None, tense: str | None) -> str | None:
    p1, p2 = f.points
    if p2.day is None and p2.weekday is None:  # years or months
        end = resolve_point(p2, anchor, tense)
        if end is None:
            return None
        if p2.month is None:  # years
            return f"{p1.year:04d}/{end}"
        if p1.month is None:
            return None
        y2, m2 = int(end[:4]), int(end[5:7])
        y1 = p1.year if p1.year is not None else (y2 if p1.month <= m2 else y2 - 1)
        return f"{y1:04d}-{p1.month:02d}/{end}"
    end_value = resolve_point(replace(p2, hour=None, minute=None), anchor, tense)
    if end_value is None:
        return None
    end_day = date.fromisoformat(end_value[:10])
    start = range_start(p1, end_day)
    if start is None:
        return None
    return f"{start.isoformat()}/{end_day.isoformat()}"


# --------------------------------------------------------------------------- relative


def _resolve_relative_found(f: Found, anchor: Anchor | None, tense: str | None) -> str | None:
    if f.unit == "weekend" and f.offset == 0 and tense == PAST and anchor is not None:
        if anchor.precision == "day" and anchor.lo.isoweekday() < 6:
            return _resolve_relative("weekend", -1, anchor)  # "ce week-end" now past
    value = _resolve_relative(f.unit or "", f.offset, anchor)
    if value and f.unit == "day" and f.hour is not None:
        value += f"T{f.hour:02d}:{f.minute or 0:02d}"
    elif value and f.part and f.unit == "day":
        value += f"T{f.part}"
    return value


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
