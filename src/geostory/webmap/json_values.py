"""What only the web page needs on top of geostory.wording: a day axis, safe links, dates and citations as JSON.

Wording itself (date spans, 'c.', names, citation labels) comes from geostory.wording, shared with QGIS and
the frame pictures, so the three outputs cannot disagree.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from ..dates import Day, parse_date
from ..i18n import ENGLISH, Words
from ..schema import Citation, Dated, StoryMeta
from ..wording import citation_label, date_text

EPOCH = parse_date("1970-01-01").first


def day_number(d: Day) -> int:
    """Days since 1970-01-01 (negative before it): a plain integer axis for any era in any browser."""
    return d - EPOCH


def date_info(item: Dated, w: Words = ENGLISH) -> dict[str, Any]:
    """The date as the page shows it: text (with 'c.' when approximate), the certainty for the badge, the note."""
    info: dict[str, Any] = {"text": date_text(item, w), "certainty": item.date_certainty}
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


def citation(c: Citation, meta: StoryMeta, w: Words = ENGLISH) -> dict[str, Any]:
    """A citation as {label, title?, url?, note?}; the seed's title is added since its label names only a section."""
    work = meta.seed if c.source == "seed" else meta.sources.get(c.source)
    out: dict[str, Any] = {"label": citation_label(c, meta, w)}
    if c.source == "seed" and work is not None:
        out["title"] = work.title
    url = safe_url(work.url if work is not None else None)
    if url:
        out["url"] = url
    if c.note:
        out["note"] = c.note
    return out
