"""The interactive story map: one self-contained HTML file (folium + Leaflet, inlined) that works offline.

Only basemap tiles come from the network; everything else (Leaflet, the story's data, the script and
styles) is inside the file, and building twice gives the same bytes.
"""
from __future__ import annotations

from pathlib import Path

from ..collector import paced
from ..output import write_output_file
from ..story import Story
from .page import make_figure

__all__ = ["build_map", "render_html"]


@paced
def render_html(story: Story, editions: dict[str, str] | None = None) -> str:
    """The story map as HTML text; ``editions``: the page of each language (lang → file name) to link to."""
    return make_figure(story, editions).render()


def build_map(story: Story, output: Path, editions: dict[str, str] | None = None) -> Path:
    """Write the story map to ``output`` (all or nothing, replacing only a page geostory wrote); return its path.

    ``editions`` (lang → file name beside it) puts a language switch in the page."""
    return write_output_file(Path(output), render_html(story, editions), story_root=story.root)
