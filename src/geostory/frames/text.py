"""Words on a frame picture: the date as a reader says it, a short caption, file names and sources."""
from __future__ import annotations

import re
import textwrap

from ..dates import PartialDate
from ..schema import Dated, Frame
from ..story import Story

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # not strftime: the picture must not depend on the machine's locale
_ABBREVIATIONS = ("c.", "ca.", "Gen.", "Col.", "Lt.", "Maj.", "Capt.", "Mr.", "Dr.", "St.", "No.", "vol.", "p.", "pp.")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(‘]?[A-Z0-9])")


def day_text(d: PartialDate) -> str:
    first = d.first
    if d.precision == "day":
        return f"{first.day} {MONTHS[first.month - 1]} {first.year}"
    if d.precision == "month":
        return f"{MONTHS[first.month - 1]} {first.year}"
    return str(first.year)


def date_label(item: Dated) -> str:
    """'26 January 1932', '25 January – 5 February 1932', 'c. January 1932', '27 January 1932 (disputed)'."""
    a = item.first
    b = item.last if item.end and item.end != item.start else None
    if b is None:
        text = day_text(a)
    elif a.precision == b.precision == "day" and a.first.year == b.first.year:
        if a.first.month == b.first.month:
            text = f"{a.first.day}–{b.first.day} {MONTHS[a.first.month - 1]} {a.first.year}"
        else:
            text = f"{a.first.day} {MONTHS[a.first.month - 1]} – {day_text(b)}"
    elif a.first.year == b.first.year and a.precision != "year" and b.precision != "year":
        first = day_text(a).rsplit(" ", 1)[0]  # the year is said once, at the end
        text = f"{first} – {day_text(b)}"
    else:
        text = f"{day_text(a)} – {day_text(b)}"
    if item.date_certainty == "approximate":
        return f"c. {text}"
    if item.date_certainty == "disputed":
        return f"{text} (disputed)"
    return text


def sentences(text: str) -> list[str]:
    parts = []
    buffer = ""
    for piece in _SENTENCE_END.split(" ".join(text.split())):
        buffer = f"{buffer} {piece}".strip()
        if not buffer.endswith(_ABBREVIATIONS) and not re.search(r"\b[A-Z]\.$", buffer):
            parts.append(buffer)
            buffer = ""
    if buffer:
        parts.append(buffer)
    return parts


def caption(narrative: str, max_chars: int = 240) -> str:
    """The first sentence, and the second too if the first is short; cut at a word with '…' if still long."""
    parts = sentences(narrative)
    text = parts[0] if parts else ""
    if len(parts) > 1 and len(text) < 110 and len(text) + len(parts[1]) < max_chars:
        text = f"{text} {parts[1]}"
    if len(text) > max_chars:
        text = text[: max_chars - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text


def wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False))


def frame_filename(index: int, frame: Frame) -> str:
    """'01-1931-11-background.png': sorts in story order, and says which frame it is."""
    return f"{index:02d}-{frame.id}.png"


def source_line(story: Story, frame: Frame) -> str:
    labels = []
    for c in frame.sources:
        if c.source == "seed":
            label = f"{story.meta.seed.title if story.meta.seed else 'seed'}, {c.section} ¶{c.paragraph}"
        else:
            src = story.meta.sources.get(c.source)
            if src is not None and src.author and src.year:
                label = f"{src.author.split(',')[0]} {src.year}"
            else:
                label = src.title if src is not None else c.source
            label += f", {c.pages}" if c.pages else ""
        if label not in labels:
            labels.append(label)
    return "Sources: " + "; ".join(labels)
