"""Words every output shares: dates as a reader says them, names, and citation labels.

Formatted once here so the web map, the QGIS layers and the frame pictures can never disagree.
Month names are spelled out rather than taken from strftime, so output does not depend on the locale.
"""
from __future__ import annotations

from .dates import SEASONS, Calendar, Day, PartialDate, parse_date
from .schema import Citation, Dated, FeatureProps, StoryMeta

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def year_text(year: int) -> str:
    """An astronomical year as readers write it: '218 BC' (year -217), 'AD 9', '1932' (AD from 1000 on)."""
    if year <= 0:
        return f"{1 - year} BC"
    return f"AD {year}" if year < 1000 else str(year)


def _one(p: PartialDate, with_year: bool = True) -> str:
    year = f" {year_text(p.year)}" if with_year else ""
    if p.precision == "day" and p.month and p.day:
        return f"{p.day} {MONTHS[p.month - 1]}{year}"
    if p.precision == "month" and p.month:
        return f"{MONTHS[p.month - 1]}{year}"
    if p.precision == "season" and p.month:
        return f"{SEASONS[p.month]}{year}"
    return year_text(p.year)


def day_text(day: Day, calendar: Calendar = "gregorian") -> str:
    """One day of the axis in a calendar: '1 September 218 BC'."""
    return _one(parse_date(_iso(day, calendar), calendar))


def _iso(day: Day, calendar: Calendar) -> str:
    y, m, d = day.ymd(calendar)
    return f"-{-y:04d}-{m:02d}-{d:02d}" if y < 0 else f"{y:04d}-{m:02d}-{d:02d}"


def span_text(a: PartialDate, b: PartialDate | None = None) -> str:
    """'25 January 1932', '25–27 January 1932', '28 January – 2 February 1932', 'autumn 218 BC – 217 BC'."""
    if b is None or b == a:
        return _one(a)
    if b.first <= a.first and b.last >= a.last and b.precision != a.precision:
        # an end that only says "within this month/year": e.g. a retreat begun on 5 February, ended that month
        return f"{_one(a)} – later in {_one(b)}"
    same_year = a.year == b.year and a.precision != "year" and b.precision != "year"
    if same_year and a.precision == b.precision == "day" and a.month == b.month:
        return f"{a.day}–{_one(b)}"
    if same_year and a.month == b.month and a.precision == "month":
        return _one(a) if b.precision == "month" else f"{_one(a)} (to {_one(b, with_year=False)})"
    return f"{_one(a, with_year=not same_year)} – {_one(b)}"


def format_span(start: str, end: str | None = None, calendar: Calendar = "gregorian") -> str:
    """The span of two ISO dates written in one calendar (see span_text)."""
    return span_text(parse_date(start, calendar), parse_date(end, calendar) if end and end != start else None)


def _dual(item: Dated) -> str:
    """A Julian date with its Gregorian day: '12/24 June 1812 (O.S./N.S.)'."""
    a, b = item.first, (item.last if item.end and item.end != item.start else None)
    if b is None and a.precision == "day":
        g = parse_date(_iso(a.first, "gregorian"))
        if g.year == a.year and g.month == a.month:
            return f"{a.day}/{_one(g)} (O.S./N.S.)"
        return f"{_one(a, with_year=g.year != a.year)}/{_one(g)} (O.S./N.S.)"
    gregorian = [parse_date(_iso(p.first, "gregorian")) for p in (a, b) if p is not None and p.precision == "day"]
    if len(gregorian) != (1 if b is None else 2):
        return f"{span_text(a, b)} (O.S.)"
    return f"{span_text(a, b)} (O.S.; {span_text(*gregorian)} N.S.)"


def date_text(item: Dated) -> str:
    """The span with 'c.' in front when approximate; a disputed date is flagged separately by each output."""
    if item.dual:
        text = _dual(item)
    else:
        text = span_text(item.first, item.last if item.end and item.end != item.start else None)
    return f"c. {text}" if item.date_certainty == "approximate" else text


def date_label(item: Dated) -> str:
    """One line for places with no room for a badge: '4–5 February 1932 (disputed)'."""
    text = date_text(item)
    return f"{text} (disputed)" if item.date_certainty == "disputed" else text


def display_name(props: FeatureProps) -> str:
    """English and Chinese names joined, skipping the ones a story does not give."""
    return " ".join(part for part in (props.name_en, props.name_zh) if part)


def citation_label(c: Citation, meta: StoryMeta) -> str:
    """'Seed, Harbin Incident ¶3' or 'League of Nations, 1932, Report of …, p. 80'."""
    if c.source == "seed":
        return f"Seed, {c.section} ¶{c.paragraph}"
    work = meta.sources.get(c.source)
    if work is None:
        return c.source
    who = ", ".join(str(x) for x in (work.author, work.year) if x)
    label = f"{who}, {work.title}" if who else work.title
    return f"{label}, {c.pages}" if c.pages else label


def short_citation(c: Citation, meta: StoryMeta) -> str:
    """A compact label for small print: 'Seed, Harbin Incident ¶3', 'Coogan 1994, p. 290'."""
    if c.source == "seed":
        return citation_label(c, meta)
    work = meta.sources.get(c.source)
    if work is not None and work.author and work.year:
        label = f"{work.author.split(',')[0]} {work.year}"
    else:
        label = work.title if work is not None else c.source
    return f"{label}, {c.pages}" if c.pages else label
