"""Words on a frame picture that only the pictures need: a short caption, wrapping, file names, the sources
line, and a story's text as a whole (to tell whether it needs a CJK font).

Dates, names and citation labels come from ``geostory.wording``, shared with the web map and QGIS.
"""
from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator

from ..schema import Frame
from ..story import Story
from ..wording import short_citation

_ABBREVIATIONS = ("c.", "ca.", "Gen.", "Col.", "Lt.", "Maj.", "Capt.", "Mr.", "Dr.", "St.", "No.", "vol.", "p.", "pp.")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(‘]?[A-Z0-9])")


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


def short_name(text: str, limit: int = 34) -> str:
    """Event names can be sentences; on the map keep the part before a colon, cut at a word."""
    text = text.split(": ")[0]
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;") + "…"


def frame_filename(index: int, frame: Frame) -> str:
    """'01-1931-11-background.png': sorts in story order, and says which frame it is."""
    return f"{index:02d}-{frame.id}.png"


def source_line(story: Story, frame: Frame) -> str:
    """'Sources: Seed, Harbin Incident ¶3; Coogan 1994, p. 290', each work once."""
    labels = dict.fromkeys(short_citation(c, story.meta, story.words) for c in frame.sources)
    w = story.words
    return w.get("sources_line", "Sources: {list}").format(list=w.get("list_sep", "; ").join(labels))


def story_texts(story: Story) -> Iterator[str]:
    """Every string of the story (metadata, feature properties, frames): whatever a picture might draw."""
    def walk(value: object) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for v in value.values():
                yield from walk(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                yield from walk(v)

    yield from walk(story.meta.model_dump())
    for f in story.features():
        yield from walk(f.props.model_dump())
    for fr in story.frames:
        yield from walk(fr.model_dump())
