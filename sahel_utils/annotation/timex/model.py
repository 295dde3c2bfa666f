"""What the rules find and resolve against: calendar points, candidates, anchors."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


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
class Found:
    """A candidate expression: its span, its kind and what the text says of it.

    ``kind`` is ``point``, ``range``, ``relative`` (a unit and an offset), ``clock``
    (a time of day), ``fixed`` (a value the text fixes by itself), ``festival`` or
    ``pair`` (two expressions sharing a modifier, in ``parts``).
    """

    start: int
    end: int
    kind: str
    points: tuple[Point, ...] = ()
    unit: str | None = None
    offset: int = 0
    priority: int = 0
    parts: list[Found] = field(default_factory=list)
    rule: str = ""
    value: str | None = None  # a value the text fixes by itself (durations, sets, refs)
    timex_type: str | None = None  # DURATION, SET, ... when the rule knows it
    part: str | None = None  # part of the day for relative days ("hier soir")
    hour: int | None = None  # clock time on the day of reference ("18 h")
    minute: int | None = None
    festival: str | None = None  # "12-25" or "easter+49"

    @property
    def explicit_years(self) -> list[int]:
        """The years the text gives in this candidate's points."""
        return [p.year for p in self.points if p.year is not None]


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


def valid_day(year: int | None, month: int, day: int) -> bool:
    """Whether ``day``/``month`` exist in ``year`` (any leap year when None)."""
    try:
        date(year or 2024, month, day)  # 2024 is a leap year: 29 February stays valid
    except ValueError:
        return False
    return True
