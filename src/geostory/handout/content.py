"""What the handout says, as plain data for its template: every word comes from the story or geostory.wording.

Nothing here is HTML: the template escapes every string, so an author's text can never become markup.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..schema import Citation, Correction, Frame, Source
from ..story import Story
from ..webmap.json_values import safe_url
from ..wording import (
    citation_label,
    correction_rows,
    correction_title,
    date_label,
    date_text,
    span_text,
)

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
"""Narratives split into paragraphs at blank lines, as on the web map."""


@dataclass(frozen=True)
class Cite:
    """One citation as printed: its label, the work's title where the label names only a section, a link."""

    label: str
    title: str | None = None
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class CorrectionView:
    """A correction in full: heading, (heading, text) rows and the sources that support the map."""

    id: str
    title: str
    seed_place: str
    rows: list[tuple[str, str]]
    sources: list[Cite]


@dataclass(frozen=True)
class FrameView:
    """One frame's page."""

    number: int
    heading: str
    id: str
    date: str
    disputed: bool
    date_note: str | None
    title: str
    picture: str
    alt: str
    paragraphs: list[str]
    corrections: list[CorrectionView]
    sources: list[Cite]
    questions: list[str]


@dataclass(frozen=True)
class Entry:
    """A bibliography entry: a work cited somewhere in the story, described once."""

    label: str
    details: list[str]
    url: str | None


@dataclass(frozen=True)
class Handout:
    """The whole handout: title page, frames, bibliography and departures from the sources."""

    id: str
    lang: str
    words: dict[str, str]
    """The handout's own words (headings, notes) in the story's language, from the message catalogue."""
    title: str
    title_zh: str | None
    subtitle: str | None
    span: str
    summary: str
    overview: str
    overview_alt: str
    credits: str | None
    licences: list[str]
    frames: list[FrameView]
    bibliography: list[Entry]
    departures: list[CorrectionView]


def picture_url(number: int) -> str:
    """The address the template uses for a frame's picture (0: the overview); served from memory."""
    return f"geostory:picture/{number:02d}.png"


def _work(story: Story, source: str) -> Source | None:
    return story.meta.seed if source == "seed" else story.meta.sources.get(source)


def cite(c: Citation, story: Story) -> Cite:
    """A citation with the shared label; only http(s) links are kept."""
    work = _work(story, c.source)
    title = work.title if c.source == "seed" and work is not None else None
    url = safe_url(work.url) if work is not None else None
    return Cite(citation_label(c, story.meta, story.words), title, url, c.note)


def correction(c: Correction, story: Story) -> CorrectionView:
    seed = citation_label(c.cited, story.meta, story.words)
    return CorrectionView(c.id, correction_title(c, story.words), seed, correction_rows(c, story.meta, story.words),
                          [cite(s, story) for s in c.sources])


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in PARAGRAPH_BREAK.split(text) if p.strip()]


def frame_view(story: Story, frame: Frame, number: int) -> FrameView:
    by_id = {c.id: c for c in story.meta.corrections}
    w = story.words
    return FrameView(
        number=number,
        heading=w("frame_number", n=number, total=len(story.frames)),
        id=frame.id,
        date=date_text(frame, w),
        disputed=frame.date_certainty == "disputed",
        date_note=w("about_the_date", note=frame.date_note) if frame.date_note else None,
        title=frame.title,
        picture=picture_url(number),
        alt=w("frame_alt", n=number, date=date_label(frame, w), title=frame.title),
        paragraphs=paragraphs(frame.narrative),
        corrections=[correction(by_id[cid], story) for cid in frame.corrections if cid in by_id],
        sources=[cite(c, story) for c in frame.sources],
        questions=list(frame.questions),
    )


def cited_sources(story: Story) -> list[str]:
    """Every work cited anywhere (frames, features, corrections), each once, the seed first."""
    lists = [fr.sources for fr in story.frames] + [f.props.sources for f in story.features()]
    lists += [c.sources for c in story.meta.corrections]
    seen = dict.fromkeys(c.source for sources in lists for c in sources)
    keys = [k for k in seen if _work(story, k) is not None]
    return sorted(keys, key=lambda k: (k != "seed", citation_label(Citation(source=k), story.meta).casefold()))


def entry(story: Story, key: str) -> Entry:
    work = _work(story, key)
    assert work is not None
    w = story.words
    label = citation_label(Citation(source=key), story.meta, w) if key != "seed" else w("seed_work", title=work.title)
    details = [x for x in (work.author if key == "seed" else None, work.publisher,
                           str(work.year) if key == "seed" and work.year else None,
                           w("licence", licence=work.licence) if work.licence else None, work.note) if x]
    return Entry(label, details, safe_url(work.url))


def licences(story: Story) -> list[str]:
    """One line per licence naming the works under it: 'CC BY-SA 4.0: Defense of Harbin (seed); Nen River'."""
    works: list[tuple[str, Source]] = [("seed", story.meta.seed)] if story.meta.seed else []
    works += [(k, story.meta.sources[k]) for k in cited_sources(story) if k != "seed"]
    by_licence: dict[str, list[str]] = {}
    for key, work in works:
        if work is not None and work.licence:
            by_licence.setdefault(work.licence, []).append(f"{work.title} (seed)" if key == "seed" else work.title)
    return [f"{licence}: {'; '.join(titles)}" for licence, titles in by_licence.items()]


def overview_frame(story: Story) -> Frame:
    """A frame over the whole story, for the title page's map: every dated feature current, every feature in view.

    Its picture names one source, the story's first (the seed's first paragraph cited where there is a seed):
    the works cited are listed in full at the end of the handout."""
    cited = [c for fr in story.frames for c in fr.sources]
    first = next((c for c in cited if c.source == "seed"), cited[0])
    dated = [f.id for f in story.features() if f.first_day is not None]
    return Frame(id="overview", start=story.first_day.isoformat(), end=story.last_day.isoformat(),
                 title=story.words("overview"), narrative=story.meta.summary,
                 features=dated or [story.features()[0].id], focus=[f.id for f in story.features()],
                 sources=[first], questions=[])


def handout(story: Story) -> Handout:
    """The handout's content for ``story``."""
    meta, w = story.meta, story.words
    first = min(story.frames, key=lambda fr: fr.first.first).first  # as written: precision and calendar kept
    last = max(story.frames, key=lambda fr: fr.last.last).last
    span = span_text(first, last, w)
    words = {key: w(key) for key in ("handout", "questions", "works_cited", "departures", "departures_short",
                                     "licences", "correction_about", "claim", "map_shows", "why", "source",
                                     "sources", "disputed")}
    words["contents"] = w("handout_contents", n=len(story.frames))
    return Handout(
        id=meta.id,
        lang=w.html_lang,
        words=words,
        title=meta.title,
        title_zh=meta.title_zh,
        subtitle=meta.subtitle,
        span=span,
        summary=meta.summary,
        overview=picture_url(0),
        overview_alt=w("overview_alt", span=span),
        credits=meta.credits,
        licences=licences(story),
        frames=[frame_view(story, fr, i) for i, fr in enumerate(story.frames, start=1)],
        bibliography=[entry(story, k) for k in cited_sources(story)],
        departures=[correction(c, story) for c in meta.corrections],
    )
