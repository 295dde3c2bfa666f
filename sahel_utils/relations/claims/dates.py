"""TIMEX3 values as date intervals: containment, overlap, shifting by years."""

from __future__ import annotations

import calendar
import re
from datetime import date

_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T[\d:]+)?$")

Interval = tuple[date, date]


def _point(value: str) -> Interval | None:
    match = _ISO.match(value.strip())
    if not match:
        return None
    year = int(match.group(1))
    if match.group(3):
        day = date(year, int(match.group(2)), int(match.group(3)))
        return day, day
    if match.group(2):
        month = int(match.group(2))
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(year, 1, 1), date(year, 12, 31)


def interval(value: str | None) -> Interval | None:
    """The (first day, last day) a TIMEX3 value covers, or None if it is not a date.

    Args:
        value: ``2025``, ``2025-06``, ``2025-06-23``, ``2025-06-23T07:31`` or a
            range ``START/END`` of those.

    Returns:
        The interval, or None for missing, relative or unparsable values.

    """
    if not value or not isinstance(value, str):
        return None
    if "/" in value:
        left, _, right = value.partition("/")
        a, b = _point(left), _point(right)
        if a is None or b is None or a[0] > b[1]:
            return None
        return a[0], b[1]
    try:
        return _point(value)
    except ValueError:
        return None


def contains(outer: Interval, inner: Interval) -> bool:
    """True when ``inner`` lies within ``outer``."""
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def nested(a: Interval | None, b: Interval | None) -> bool:
    """True when one interval contains the other (a vaguer date agrees with a precise one)."""
    if a is None or b is None:
        return False
    return contains(a, b) or contains(b, a)


def disjoint(a: Interval | None, b: Interval | None) -> bool:
    """True when both intervals are known and share no day."""
    if a is None or b is None:
        return False
    return a[1] < b[0] or b[1] < a[0]


def span_days(a: Interval) -> int:
    """Number of days an interval covers (1 for a day)."""
    return (a[1] - a[0]).days + 1


def shift_years(value: str, years: int) -> str | None:
    """Move a TIMEX3 date value by whole years, keeping its precision.

    Args:
        value: ``2025-07``, ``2025``, ``2025-07-14``.
        years: Years to add (negative to go back).

    Returns:
        The shifted value, or None when ``value`` is not a plain date.

    """
    match = _ISO.match(value.strip()) if isinstance(value, str) else None
    if not match:
        return None
    year = int(match.group(1)) + years
    parts = [f"{year:04d}"]
    if match.group(2):
        parts.append(match.group(2))
    if match.group(3):
        day = min(int(match.group(3)), calendar.monthrange(year, int(match.group(2)))[1])
        parts.append(f"{day:02d}")
    return "-".join(parts)
