"""A story told in another language: the interface's catalogue, and the frames' titles and narratives.

An edition lives beside ``frames.json`` as ``frames.<lang>.json`` (``frames.zh.json``): the same frame ids,
each with a title and a narrative (and the note on its date and the questions for students, if it has them)
written in that language. Dates, sources, features and corrections stay those of ``frames.json``, so an
edition cites the same sources and cannot drift from the map; it is a separate file so that edits to the
story's own frames never conflict with it. ``geostory build --lang zh`` picks one; without ``--lang`` (and
``-o``) the web map is built in every edition the story has, each page linking to the others.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import Problem, StoryError, UsageError
from .i18n import LANGUAGES
from .reading import Refused, read_story_json
from .story import Story

Text = Annotated[str, Field(min_length=1)]


class EditionFrame(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Text
    title: Text
    narrative: Text
    date_note: str | None = None
    """Why the frame's date is approximate or disputed, in this language (else the story's own note)."""
    questions: list[Text] | None = None
    """The questions for students in this language (else the story's own)."""


class Edition(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    language: Literal["en", "zh"]
    comment: str | None = None
    frames: list[EditionFrame]


def edition_file(lang: str) -> str:
    return f"frames.{lang}.json"


def editions(story: Story) -> list[str]:
    """The languages the story is told in: its own first, then each with a ``frames.<lang>.json``."""
    own = story.meta.language
    return [own] + [lang for lang in LANGUAGES if lang != own and (story.root / edition_file(lang)).is_file()]


def in_language(story: Story, lang: str) -> Story:
    """The story told in ``lang``: the interface in that language and, where the story has an edition in it,
    the frames' titles and narratives too. Raises StoryError naming each problem of the edition file."""
    if lang not in LANGUAGES:
        raise UsageError(f"no interface in language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    name = edition_file(lang)
    if lang == story.meta.language or not (story.root / name).is_file():
        return story.told(lang)
    shown = f"{story.root.name}/{name}"
    try:
        obj = read_story_json(story.root, name)
    except Refused as exc:
        raise StoryError([Problem(shown, None, None, exc.expected, exc.found, exc.hint)]) from None
    try:
        edition = Edition.model_validate(obj, strict=True)
    except ValidationError as exc:
        raise StoryError([Problem(shown, None, ".".join(str(p) for p in e["loc"]) or None, e["msg"],
                                  "something else") for e in exc.errors()]) from None
    problems: list[Problem] = []
    if edition.language != lang:
        problems.append(Problem(shown, None, "language", f'"{lang}", as the file name says', edition.language))
    told = {f.id: f for f in edition.frames}
    known = {fr.id for fr in story.frames}
    problems += [Problem(shown, fid, "id", "the id of a frame in frames.json", fid) for fid in told if fid not in known]
    problems += [Problem(shown, fr.id, None, f"the frame's title and narrative in {lang}", "nothing",
                         "add the frame, or remove the edition file to build in the story's language only")
                 for fr in story.frames if fr.id not in told]
    if problems:
        raise StoryError(problems)
    frames = tuple(fr.model_copy(update={"title": told[fr.id].title, "narrative": told[fr.id].narrative,
                                         "date_note": told[fr.id].date_note or fr.date_note,
                                         "questions": told[fr.id].questions or fr.questions})
                   for fr in story.frames)
    return story.told(lang, frames)


def sibling(path: Path, lang: str, own: str) -> Path:
    """Where a page in another language goes beside ``path``: ``harbin-1932.zh.html``."""
    return path if lang == own else path.with_name(f"{path.stem}.{lang}{path.suffix}")
