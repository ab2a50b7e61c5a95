"""Dates of any era: ISO 8601 with astronomical years, at day, month, season or year precision.

Historical sources often know only the month, the season or the year; the precision is part of the claim,
so it is kept rather than padded into a false exact day. Years are astronomical (ISO 8601): ``0000`` is
1 BC and ``-0217`` is 218 BC. A date is written in the calendar its sources use, proleptic Gregorian by
default or Julian, and every date is placed on one axis, the Julian Day Number, so that Python's
``datetime`` (which stops at AD 1) is never needed. Seasons follow ISO 8601-2 (EDTF): ``-0217-23`` is the
autumn of 218 BC (21 spring, 22 summer, 23 autumn, 24 winter, northern hemisphere). Calendar arithmetic
comes from convertdate.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal, overload

from convertdate import gregorian, julian  # type: ignore[import-untyped]

Precision = Literal["day", "month", "season", "year"]
Calendar = Literal["gregorian", "julian"]
CALENDARS: tuple[Calendar, ...] = ("gregorian", "julian")
FORMAT = "an ISO 8601 date YYYY, YYYY-MM or YYYY-MM-DD (before AD 1 a minus sign: -0217 is 218 BC)"
SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 2)}
"""First and last month of each season; winter runs into the next year."""
_PATTERN = re.compile(r"([+-]?)(\d{4,})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)  # "١٩٣٢" is not a year here
_MODULES = {"gregorian": gregorian, "julian": julian}


def _jdn(year: int, month: int, day: int, cal: Calendar) -> int:
    return int(_MODULES[cal].to_jd(year, month, day) + 0.5)


@dataclass(frozen=True, order=True)
class Day:
    """One day on the story's single axis: its Julian Day Number (day 0 is 1 January 4713 BC, Julian)."""

    jdn: int

    def ymd(self, cal: Calendar = "gregorian") -> tuple[int, int, int]:
        """Astronomical year, month and day of this day in a calendar."""
        year, month, day = _MODULES[cal].from_jd(self.jdn - 0.5)
        return int(year), int(month), int(day)

    @property
    def year(self) -> int:
        """Astronomical year in the proleptic Gregorian calendar (as ``datetime.date.year`` is, from AD 1)."""
        return self.ymd()[0]

    @property
    def month(self) -> int:
        return self.ymd()[1]

    @property
    def day(self) -> int:
        return self.ymd()[2]

    def to_date(self) -> date:
        """The day as a ``datetime.date``; ValueError before AD 1, which ``datetime`` cannot hold."""
        year, month, day = self.ymd()
        if year < 1:
            raise ValueError(f"{self.isoformat()} is before AD 1")
        return date(year, month, day)

    def isoformat(self) -> str:
        """ISO 8601 in the proleptic Gregorian calendar, with a sign and four digits before AD 1."""
        year, month, day = self.ymd()
        return f"{iso_year(year)}-{month:02d}-{day:02d}"

    def __str__(self) -> str:
        return self.isoformat()

    def __add__(self, days: int | timedelta) -> Day:
        return Day(self.jdn + (days.days if isinstance(days, timedelta) else days))

    @overload
    def __sub__(self, other: Day) -> int: ...

    @overload
    def __sub__(self, other: int | timedelta) -> Day: ...

    def __sub__(self, other: Day | int | timedelta) -> int | Day:
        """Days between two days, or the day some days before."""
        if isinstance(other, Day):
            return self.jdn - other.jdn
        return self + (-other)


def iso_year(year: int) -> str:
    """'1932', '0009', '0000', '-0217'."""
    return f"-{-year:04d}" if year < 0 else f"{year:04d}"


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date as written, with the first and last day it can mean, and the calendar it is written in."""

    first: Day
    last: Day
    text: str
    precision: Precision
    calendar: Calendar = "gregorian"
    year: int = 0
    """The year as written (astronomical), in ``calendar``."""
    month: int | None = None
    """1–12; for a season, the code 21–24."""
    day: int | None = None


def _why(text: str) -> str:
    """What to write instead, for the forms people try first."""
    era = re.fullmatch(r"\s*(?:c\.\s*)?(AD\s*|A\.D\.\s*)?(\d{1,4})\s*(BCE?|B\.C\.|AD|CE|A\.D\.)?\s*", text,
                       re.IGNORECASE | re.ASCII)
    if era and (era.group(1) or era.group(3)):
        n = int(era.group(2))
        if (era.group(3) or "").upper().startswith("B"):
            return f"{FORMAT}; for {n} BC write {iso_year(1 - n)} (year 0000 is 1 BC)"
        return f"{FORMAT}; for AD {n} write {iso_year(n)}"
    short = re.fullmatch(r"-(\d{1,3})((?:-\d{2}){0,2})", text)
    if short:
        n = int(short.group(1))
        return (f"{FORMAT}; the year needs four digits: {iso_year(-n)}{short.group(2)} is {n + 1} BC, "
                f"{iso_year(1 - n)}{short.group(2)} is {n} BC")
    return FORMAT


def parse_date(text: str, calendar: Calendar = "gregorian") -> PartialDate:
    """Parse an ISO 8601 date in a calendar; raise ValueError saying what to write instead."""
    try:
        return _parse_date(text, calendar)
    except TypeError:  # not hashable (a list read from JSON, say): not a date either, and not remembered
        return _parse_date.__wrapped__(text, calendar)


@lru_cache(maxsize=1 << 16)
def _parse_date(text: str, calendar: Calendar) -> PartialDate:
    """``parse_date``, remembered: a story names the same few days many times, and the loader, the checks
    and the outputs each ask (a PartialDate is immutable, so sharing one is safe; errors are not kept)."""
    match = _PATTERN.fullmatch(text) if isinstance(text, str) else None
    if not match:
        raise ValueError(_why(text) if isinstance(text, str) else FORMAT)
    sign, digits, mm, dd = match.groups()
    year = -int(digits) if sign == "-" else int(digits)
    month, day = (int(mm) if mm else None), (int(dd) if dd else None)
    if not -9999 <= year <= 9998:  # leaves room for the day after a date, which outputs compute
        raise ValueError("a year from -9999 to 9998")
    cal = _MODULES[calendar]
    if month is None:
        return PartialDate(Day(_jdn(year, 1, 1, calendar)), Day(_jdn(year, 12, 31, calendar)), text, "year",
                           calendar, year)
    if month in SEASONS and day is None:
        first_month, last_month = SEASON_MONTHS[month]
        last_year = year + 1 if last_month < first_month else year
        last = _jdn(last_year, last_month, cal.month_length(last_year, last_month), calendar)
        return PartialDate(Day(_jdn(year, first_month, 1, calendar)), Day(last), text, "season", calendar, year,
                           month)
    if not 1 <= month <= 12:
        raise ValueError("a month 01–12 (or a season 21–24: spring, summer, autumn, winter)")
    length = cal.month_length(year, month)
    if day is None:
        return PartialDate(Day(_jdn(year, month, 1, calendar)), Day(_jdn(year, month, length, calendar)), text,
                           "month", calendar, year, month)
    if not 1 <= day <= length:
        raise ValueError(
            f"a real {calendar.capitalize()} calendar date (day 01–{length:02d} in {iso_year(year)}-{month:02d})")
    jdn = Day(_jdn(year, month, day, calendar))
    return PartialDate(jdn, jdn, text, "day", calendar, year, month, day)
