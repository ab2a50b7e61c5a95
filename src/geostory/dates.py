"""ISO 8601 calendar dates at day, month or year precision.

Historical sources often know only the month or the year; the precision is part of the claim, so it is
kept rather than padded into a false exact day.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

Precision = Literal["day", "month", "year"]
FORMAT = "an ISO date YYYY, YYYY-MM or YYYY-MM-DD"
_PATTERN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)  # "١٩٣٢" is not a year here


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date as written, with the first and last calendar day it can mean."""

    first: date
    last: date
    text: str
    precision: Precision


def parse_date(text: str) -> PartialDate:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ValueError naming the expected form."""
    match = _PATTERN.fullmatch(text) if isinstance(text, str) else None
    if not match:
        raise ValueError(FORMAT)
    year, month, day = (int(g) if g else None for g in match.groups())
    if year >= 9999:  # leaves room for the day after a date, which outputs compute
        raise ValueError("a year before 9999")
    try:
        if day is not None:
            d = date(year, month, day)
            return PartialDate(d, d, text, "day")
        if month is not None:
            last_day = calendar.monthrange(year, month)[1]
            return PartialDate(date(year, month, 1), date(year, month, last_day), text, "month")
        return PartialDate(date(year, 1, 1), date(year, 12, 31), text, "year")
    except (ValueError, calendar.IllegalMonthError):
        raise ValueError("a real calendar date") from None
