"""Cartographic styles shared by every output, read from ``styles.json`` (data, not code).

The file is validated once, at first use, by the models below, and read through their attributes
(``styles().casing.colour``): a typo in a key fails loudly when the package loads, not as a missing colour
in one output.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from .schema import MovementProps, StoryMeta

PX = 0.75
"""Points per CSS pixel: styles.json's widths, dashes and radii are CSS pixels; the pictures draw in points."""

Colour = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]
Dash = Annotated[str, Field(pattern=r"^\d+(?:\.\d+)? \d+(?:\.\d+)?(?: \d+(?:\.\d+)?)*$")]
Number = int | float
"""A size kept as written (7 stays 7), since some reach the page's JSON as they are."""


class _Style(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Ticks(_Style):
    """Cross ticks along a line (rail movements): their length, stroke width and spacing."""

    length: float
    width: float
    spacing: float
    comment: str | None = None


class Core(_Style):
    """A thinner stroke drawn on top of a line (a retreat's hollow, a railway's broken core)."""

    colour: Colour
    width: float
    dash: Dash | None = None
    comment: str | None = None


class Casing(_Style):
    """A pale stroke drawn under a line, wider by ``extra_width``."""

    colour: Colour
    extra_width: float
    comment: str | None = None


class MovementKindStyle(_Style):
    """The look of a kind of movement; a story's own kinds start from one of these (see ``vocabulary``)."""

    label: str
    label_zh: str | None = None
    width: float
    dash: Dash | None
    opacity: float
    head: Literal["filled", "hollow"]
    head_length: float
    casing: bool = False
    cap: Literal["butt", "round"] = "butt"
    ticks: Ticks | None = None
    core: Core | None = None
    comment: str | None = None


class RouteCertaintyStyle(_Style):
    label: str
    dash: Dash | None
    comment: str | None = None


class LineLayerStyle(_Style):
    """A base line layer (rivers, railways). Field order is the file's, as the page receives it."""

    label: str
    colour: Colour
    width: float
    dash: Dash | None = None
    casing: Casing | None = None
    core: Core | None = None
    opacity: float = 1.0
    comment: str | None = None


class PointLayerStyle(_Style):
    """A layer of dots; places have one radius per label rank (1 the largest)."""

    label: str
    colour: Colour
    fill: Colour
    radius: Number | list[Number]
    comment: str | None = None

    def radius_for(self, rank: int = 2) -> Number:
        r = self.radius
        return r[min(rank, len(r)) - 1] if isinstance(r, list) else r


class LayerStyles(_Style):
    rivers: LineLayerStyle
    railways: LineLayerStyle
    places: PointLayerStyle
    events: PointLayerStyle
    comment: str | None = None

    def by_name(self) -> dict[str, LineLayerStyle | PointLayerStyle]:
        """Each layer's style by layer name, in the file's order."""
        return {"rivers": self.rivers, "railways": self.railways, "places": self.places, "events": self.events}


class HeadPx(_Style):
    """Screen-sized arrow heads (see the comment in styles.json)."""

    min: float
    max: float
    width_ratio: float
    max_share: float
    earlier_factor: float
    tip_gap: float
    shaft_into_head: float
    comment: str | None = None


class ArrowStyle(_Style):
    head_length_km: tuple[float, float]
    head_length_share: float
    head_width_ratio: float
    end_marker_factor: float
    head_px: HeadPx
    comment: str | None = None


class Faded(_Style):
    opacity: float
    width_factor: float
    comment: str | None = None


class Outline(_Style):
    point: float
    head: float
    hollow_head: float
    comment: str | None = None


class LegendStyle(_Style):
    ink: Colour
    route_key_width: float
    comment: str | None = None


class Fallback(_Style):
    label: str
    colour: Colour
    width: float
    opacity: float
    comment: str | None = None


class FrameOutline(_Style):
    colour: Colour
    width: float
    comment: str | None = None


class PlaceLabels(_Style):
    """Place label sizes by rank (index 0 is rank 1) in each output's own unit."""

    web_px: tuple[float, float, float]
    picture_pt: tuple[float, float, float]
    qgis_pt: tuple[float, float, float]
    comment: str | None = None


class PanelColours(_Style):
    """The story panel's text colours (see ``panel_colours``)."""

    ink: Colour
    muted: Colour
    accent: Colour


class Styles(_Style):
    """The whole of ``styles.json``."""

    movement_kinds: dict[str, MovementKindStyle]
    movement_kinds_comment: str | None = None
    route_certainty: dict[str, RouteCertaintyStyle]
    route_certainty_comment: str | None = None
    layers: LayerStyles
    arrow: ArrowStyle
    faded: Faded
    casing: Casing
    hollow_head_fill: Colour
    outline: Outline
    legend: LegendStyle
    fallback: Fallback
    frame_outline: FrameOutline
    place_labels: PlaceLabels
    draw_order: tuple[str, ...]
    current_above: tuple[str, ...] = ()
    current_above_comment: str | None = None
    comment: str | None = None


@lru_cache(maxsize=1)
def styles() -> Styles:
    """``styles.json``, read and validated once."""
    text = resources.files(__package__).joinpath("styles.json").read_text(encoding="utf-8")
    return Styles.model_validate_json(text)


@lru_cache(maxsize=1)
def panel_colours() -> PanelColours:
    """The story panel's text colours, whose one home is the page's stylesheet (story.css's ``:root``
    ``--gs-ink``, ``--gs-muted``, ``--gs-accent``): the pictures' panel, the contact sheet and the QGIS print
    layout use the page's colours rather than copies that drift."""
    css = resources.files(__package__).joinpath("webmap", "static", "story.css").read_text(encoding="utf-8")
    return PanelColours.model_validate(dict(re.findall(r"--gs-(ink|muted|accent):\s*(#[0-9a-fA-F]{6})\s*;", css)))


def movement_style(props: MovementProps, meta: StoryMeta) -> dict[str, Any]:
    """The current look of a movement as a flat dictionary; the rule itself is ``legend.movement_look``."""
    from .legend import movement_look  # the legend rule reads this module's styles()

    return movement_look(props, meta).as_style()


def dash_list(dash: str | None) -> list[float]:
    """A dash pattern such as ``"8 6"`` as numbers; an empty list for a solid line."""
    return [float(x) for x in dash.split()] if dash else []

