"""The printable handout: a PDF for the classroom, typeset from an HTML template and CSS with WeasyPrint.

A title page (titles in every language the story gives, dates, summary, overview map, credits and licences),
then one page per frame (its picture, drawn by ``geostory.frames`` exactly as ``geostory frames`` draws it,
with the date, title, whole narrative, corrections in full, sources and questions for students), then the
works cited and the story's departures from its sources. Real, selectable text with fonts embedded; tagged
for screen readers (PDF/UA-1); the same story gives the same bytes.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import jinja2

from ..frames import FrameRenderer
from ..output import write_output_file
from ..story import Story
from ..templating import environment
from .content import handout, overview_frame, picture_url

__all__ = ["build_handout", "render_handout", "render_html"]

TEMPLATE = "handout.html.j2"


def _template_env() -> jinja2.Environment:
    """The shared environment's settings (autoescape on) with this package's folder as its loader."""
    return environment().overlay(loader=jinja2.FileSystemLoader(Path(__file__).parent))


def render_html(story: Story, created: str | None = None) -> str:
    """The handout as HTML (pictures referred to by ``content.picture_url``)."""
    template = _template_env().get_template(TEMPLATE)
    html: str = template.render(h=handout(story), created=created)
    return html


def pictures(story: Story, font_search: list[str | Path] | None = None,
             progress: Callable[[int, int], None] | None = None) -> dict[str, bytes]:
    """The overview and every frame picture as PNG bytes, keyed by the address the template uses;
    ``progress(done, total)`` after each (0 for the overview, then 1 … total)."""
    overview = overview_frame(story)  # drawn as the one frame of a story holding only it
    whole = dataclasses.replace(story, frames=(overview,))
    out = {picture_url(0): FrameRenderer(whole, font_search=font_search).render(overview, 1)}
    if progress is not None:
        progress(0, len(story.frames))
    renderer = FrameRenderer(story, font_search=font_search)
    for number, frame in enumerate(story.frames, start=1):
        out[picture_url(number)] = renderer.render(frame, number)
        if progress is not None:
            progress(number, len(story.frames))
    return out


def render_handout(story: Story, paper: str = "a4", font_search: list[str | Path] | None = None,
                   progress: Callable[[int, int], None] | None = None) -> bytes:
    """The handout as PDF bytes. Raises UsageError for an unknown paper or a missing CJK font."""
    from .pdf import fonts, source_date, typeset  # WeasyPrint (and pango) only when a PDF is made

    html = render_html(story, created=source_date())
    font_rules = fonts([html], font_search)  # the CJK font exactly when the printed text has CJK characters
    return typeset(html, pictures(story, font_search, progress), font_rules, paper, story.meta.id)


def build_handout(story: Story, output: str | Path, paper: str = "a4",
                  font_search: list[str | Path] | None = None,
                  progress: Callable[[int, int], None] | None = None) -> Path:
    """Write the handout to ``output`` (all or nothing, replacing only a handout geostory wrote); return its path."""
    from .pdf import is_our_pdf

    pdf = render_handout(story, paper, font_search, progress)
    return write_output_file(Path(output), pdf, story_root=story.root, ours=is_our_pdf)
