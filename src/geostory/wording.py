"""Words every output shares: dates as a reader says them, names, and citation labels.

Formatted once here so the web map, the QGIS layers and the frame pictures can never disagree.
Month names are spelled out rather than taken from strftime, so output does not depend on the locale.
"""
from __future__ import annotations

from .dates import PartialDate, parse_date
from .schema import Citation, Dated, FeatureProps, StoryMeta

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def _one(p: PartialDate, with_year: bool = True) -> str:
    year = f" {p.first.year}" if with_year else ""
    if p.precision == "day":
        return f"{p.first.day} {MONTHS[p.first.month - 1]}{year}"
    if p.precision == "month":
        return f"{MONTHS[p.first.month - 1]}{year}"
    return str(p.first.year)


def format_span(start: str, end: str | None = None) -> str:
    """'25 January 1932', '25–27 January 1932', '28 January – 2 February 1932', 'September 1931 – 1932'."""
    a = parse_date(start)
    b = parse_date(end) if end and end != start else None
    if b is None:
        return _one(a)
    if b.first <= a.first and b.last >= a.last and b.precision != a.precision:
        # an end that only says "within this month/year": e.g. a retreat begun on 5 February, ended that month
        return f"{_one(a)} – later in {_one(b)}"
    same_year = a.first.year == b.first.year and a.precision != "year" and b.precision != "year"
    if same_year and a.precision == b.precision == "day" and a.first.month == b.first.month:
        return f"{a.first.day}–{_one(b)}"
    if same_year and a.first.month == b.first.month and a.precision == "month":
        return _one(a) if b.precision == "month" else f"{_one(a)} (to {_one(b, with_year=False)})"
    return f"{_one(a, with_year=not same_year)} – {_one(b)}"


def date_text(item: Dated) -> str:
    """The span with 'c.' in front when approximate; a disputed date is flagged separately by each output."""
    text = format_span(item.start, item.end)
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
