"""Human-readable dates and citations, formatted once in Python so the page needs no date or locale code."""
from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlsplit

from ..dates import PartialDate, parse_date
from ..schema import Citation, Dated, StoryMeta

EPOCH = date(1970, 1, 1)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def day_number(d: date) -> int:
    """Days since 1970-01-01 (negative before it): a plain integer axis that works for 1931 in any browser."""
    return (d - EPOCH).days


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
    same_year = a.first.year == b.first.year and a.precision != "year" and b.precision != "year"
    if same_year and a.precision == b.precision == "day" and a.first.month == b.first.month:
        return f"{a.first.day}–{_one(b)}"
    return f"{_one(a, with_year=not same_year)} – {_one(b)}"


def date_info(item: Dated) -> dict[str, Any]:
    """The date as the page shows it: text with 'c.' when approximate, plus the disputed flag and its note."""
    text = format_span(item.start, item.end)
    if item.date_certainty == "approximate":
        text = "c. " + text
    info: dict[str, Any] = {"text": text, "certainty": item.date_certainty}
    if item.date_note:
        info["note"] = item.date_note
    return info


def safe_url(url: str | None) -> str | None:
    """Only http(s) links reach the page; anything else (javascript:, data:) is dropped."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def citation(c: Citation, meta: StoryMeta) -> dict[str, Any]:
    """A citation as {label, title?, url?, note?}: 'Seed, Harbin Incident ¶3' or the named work's title."""
    if c.source == "seed":
        work = meta.seed
        label = f"Seed, {c.section} ¶{c.paragraph}"
        title = work.title if work else None
    else:
        work = meta.sources.get(c.source)
        if work is None:  # the loader rejects these; kept defensive for hand-made Story objects
            return {"label": c.source}
        who = ", ".join(str(x) for x in (work.author, work.year) if x)
        label = f"{who}, {work.title}" if who else work.title
        title = None
        if c.pages:
            label += f", {c.pages}"
    out: dict[str, Any] = {"label": label}
    if title:
        out["title"] = title
    url = safe_url(work.url if work else None)
    if url:
        out["url"] = url
    if c.note:
        out["note"] = c.note
    return out
