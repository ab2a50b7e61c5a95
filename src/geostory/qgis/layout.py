"""The print layout of the QGIS project: an atlas over the frames layer, one A4 page per story frame.

Each page is the frame's map at its view (``geometry.frame_bounds``, the frames layer's polygons) and its
dates (the map item's time range is the frame's ``start_time`` to ``end_time``, so what has passed is
faded exactly as when the Temporal Controller stands on that day), with the frame's date, title,
narrative, corrections and sources beside it, a key of what the page shows and a scale bar. Positions are
millimetres on an A4 landscape page; every text is an expression on the atlas feature, so the layout holds
no story text of its own beyond the title and credits.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from ..relief import ATTRIBUTION
from ..story import Story
from ..styles import panel_colours
from .symbols import rgba

PAGE = (297.0, 210.0)
MARGIN = 7.0
MAP_BOX = (MARGIN, MARGIN, 190.0, 186.0)  # x, y, width, height
PANEL_X = MAP_BOX[0] + MAP_BOX[2] + 6.0
PANEL_W = PAGE[0] - MARGIN - PANEL_X
FONT = "DejaVu Sans"
"""The page's texts: DejaVu Sans keeps every digit searchable in the PDF (Noto Sans CJK's digits lose
their text in Qt's PDF output); Chinese falls back to Noto Sans CJK through fontconfig."""
INK, MUTED, ACCENT = panel_colours().ink, panel_colours().muted, panel_colours().accent
LEGEND_LAYERS = ("movement_arrows", "events", "places", "rivers", "railways")
"""The layers the key explains, in this order (the relief and the frame outlines need no key)."""


@dataclass(frozen=True)
class Label:
    """A text box on the page: an expression template (QGIS ``[% … %]``), its box, font and colour."""

    uuid: str
    text: str
    box: tuple[float, float, float, float]
    size: float
    colour: str
    bold: bool = False
    halign: int = 1  # Qt: 1 left, 2 right, 4 centre


def item_uuid(story: Story, name: str) -> str:
    """A layout item's uuid, the same for the same story every build (byte-identical projects)."""
    return "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"geostory:{story.meta.id}:{name}")) + "}"


def fitted(extent: tuple[float, ...], aspect: float) -> tuple[float, float, float, float]:
    """``extent`` widened about its centre to width / height = ``aspect`` (QGIS would otherwise resize the
    map item to the extent's shape)."""
    xmin, ymin, xmax, ymax = extent
    w, h = xmax - xmin, ymax - ymin
    w, h = max(w, h * aspect), max(h, w / aspect)
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    return (round(cx - w / 2, 2), round(cy - h / 2, 2), round(cx + w / 2, 2), round(cy + h / 2, 2))


def layout_context(story: Story, layers: list[dict[str, Any]], extent: tuple[float, ...]) -> dict[str, Any]:
    """What the layout template needs: page, map, labels, key layers, atlas coverage, credits; ``extent``
    is the whole story in the project CRS (the map's view before the atlas moves it)."""
    x, w = PANEL_X, PANEL_W
    title = story.meta.title.upper() + (f"   {story.meta.title_zh}" if story.meta.title_zh else "")
    labels = [
        Label(item_uuid(story, "story-title"), title, (x, 7, w - 14, 6), 7.5, MUTED, bold=True),
        Label(item_uuid(story, "page"), "[% @atlas_featurenumber %] / [% @atlas_totalfeatures %]",
              (x + w - 14, 7, 14, 6), 7.5, MUTED, halign=2),
        Label(item_uuid(story, "date"), '[% "date_text" %]', (x, 13, w, 7), 12.5, ACCENT, bold=True),
        Label(item_uuid(story, "title"), '[% "title" %]', (x, 20.5, w, 11), 11, INK, bold=True),
        Label(item_uuid(story, "narrative"), '[% "narrative" %]', (x, 32.5, w, 57), 8, "#333333"),
        Label(item_uuid(story, "corrections"), '[% "corrections_text" %]', (x, 90, w, 22), 6.5, ACCENT),
        Label(item_uuid(story, "sources"), '[% "sources_short" %]', (x, 112.5, w, 13), 6, MUTED),
        Label(item_uuid(story, "credits"), " ".join(filter(None, [story.meta.credits, ATTRIBUTION + "."])),
              (MARGIN, MAP_BOX[1] + MAP_BOX[3] + 2, PAGE[0] - 2 * MARGIN, 8), 6, MUTED),
    ]
    by_name = {layer["name"]: layer for layer in layers}
    frames = by_name["frames"]
    return {
        "layout": {
            "name": "Story frames",
            "page": PAGE,
            "font": FONT,
            "map": {"uuid": item_uuid(story, "map"), "box": MAP_BOX, "extent": fitted(extent, MAP_BOX[2] / MAP_BOX[3])},
            "legend": {"uuid": item_uuid(story, "legend"), "box": (x, 126, w, MAP_BOX[1] + MAP_BOX[3] - 126),
                       "layers": [by_name[n] for n in LEGEND_LAYERS if n in by_name]},
            "scalebar": {"uuid": item_uuid(story, "scalebar"), "pos": (MAP_BOX[0] + 4, MAP_BOX[1] + MAP_BOX[3] - 12)},
            "labels": [{"uuid": lb.uuid, "text": lb.text, "box": lb.box, "size": lb.size,
                        "colour": [int(c) for c in rgba(lb.colour).split(",")[:3]],
                        "weight": 75 if lb.bold else 50, "halign": lb.halign} for lb in labels],
            "page_uuid": item_uuid(story, "page-1"),
            "coverage": frames,
        },
    }
