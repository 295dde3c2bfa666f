"""The anchor of an article: its publication date, or the dates it gives itself.

See the package docstring for the order: the publication date; the latest day the
article gives; day-and-month dates placed in the latest year it names; a weekday and
date in the most recent matching year; the latest year it names.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from sahel_utils.annotation.timex.model import Anchor, Found
from sahel_utils.annotation.timex.resolution import range_start, resolve
from sahel_utils.annotation.timex.tense import clause_tense
from sahel_utils.annotation.timex.vocabulary import FUTURE, UP_TO, YEAR, Vocabulary, alt

Interval = tuple[date, date]


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


def document_anchor(found: list[Found], text: str, vocab: Vocabulary, today: date) -> Anchor | None:
    """The anchor an undated article gives itself (see the package docstring).

    Among candidate days, those in a future-tense clause ("le sommet se tiendra le
    12 décembre") only count when no other day is available.
    """
    partial = [f for f in found if _is_partial_day(f)]
    explicit = [(f, iv) for f in found if (iv := _explicit_days(f)) is not None]
    if explicit:
        placed = _placed(partial, _latest(explicit, text, vocab), None)
        return _latest(explicit + placed, text, vocab)
    years = _anchoring_years(found, text, vocab, today)
    if years:
        base = Anchor.year(max(years))
        days = _placed(partial, base, None)
        return _latest(days, text, vocab) if days else base
    with_weekday = [f for f in partial if any(p.weekday for p in f.points)]
    days = _placed(with_weekday, Anchor.day(today), UP_TO)
    return _latest(days, text, vocab) if days else None


def _latest(days: list[tuple[Found, Interval]], text: str, vocab: Vocabulary) -> Anchor:
    """The latest of ``days``, leaving out future-tense ones unless only they are left."""
    settled = [iv for f, iv in days if clause_tense(text, f.start, f.end, vocab) != FUTURE]
    lo, hi = max(settled or [iv for _, iv in days], key=lambda iv: (iv[1], iv[0]))
    return Anchor(lo, hi, "day")


def _placed(items: list[Found], anchor: Anchor, tense: str | None) -> list[tuple[Found, Interval]]:
    return [(f, iv) for f in items if (iv := _interval(f, anchor, tense)) is not None]


def _anchoring_years(found: list[Found], text: str, vocab: Vocabulary, today: date) -> list[int]:
    """The years the text names up to ``today``, except those starting a period."""
    years = [y for f in found for y in f.explicit_years]
    pattern = rf"(?<![\w-])({YEAR})(?![\w-])(?!\s*{alt(vocab.count_nouns)})"
    years += [int(y) for y in re.findall(pattern, text)]
    years = [y for y in years if y <= today.year]
    if vocab.start_signals:
        # "depuis 2012" starts a period that reaches the article's time: no anchor
        starts = rf"(?:{alt(vocab.start_signals)})\s+$"
        anchoring = {
            int(m.group(1))
            for m in re.finditer(pattern, text)
            if not re.search(starts, text[max(0, m.start() - 12) : m.start()], re.IGNORECASE)
        }
        years = [y for y in years if y in anchoring]
    return years


def _explicit_days(f: Found) -> Interval | None:
    if f.kind == "point":
        p = f.points[0]
        if p.year and p.month and p.day:
            return date(p.year, p.month, p.day), date(p.year, p.month, p.day)
        return None
    if f.kind == "range":
        p1, p2 = f.points
        if p2.year and p2.month and p2.day:
            d2 = date(p2.year, p2.month, p2.day)
            d1 = range_start(p1, d2)
            return (d1, d2) if d1 else None
    return None


def _is_partial_day(f: Found) -> bool:
    last = f.points[-1] if f.points else None
    return (
        f.kind in ("point", "range")
        and last is not None
        and last.year is None
        and last.month is not None
        and last.day is not None
        and last.direction is None
    )


def _interval(f: Found, anchor: Anchor, tense: str | None) -> Interval | None:
    value = resolve(f, anchor, tense)
    if value is None:
        return None
    parts = value.split("/")
    try:
        lo = date.fromisoformat(parts[0][:10])
        hi = date.fromisoformat(parts[-1][:10])
    except ValueError:
        return None
    return lo, hi
