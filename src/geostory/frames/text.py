"""Words on a frame picture that only the pictures need: sentences, wrapping, file names, and a story's text
as a whole (to tell whether it needs a CJK font).

Dates, names and citation labels come from ``geostory.wording``, shared with the web map and QGIS.
"""
from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator

from ..schema import Frame
from ..story import Story

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


def wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False))


def frame_filename(index: int, frame: Frame) -> str:
    """'01-1931-11-background.png': sorts in story order, and says which frame it is."""
    return f"{index:02d}-{frame.id}.png"


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
