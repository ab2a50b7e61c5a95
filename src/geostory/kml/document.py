"""The KML document, built with fastkml: one folder per layer, each feature a styled, dated placemark.

Names carry every language the story gives; balloons carry the narrative, the date as the story words it,
the corrections in full and the sources (http(s) links only), all escaped by the balloon template. Each
dated feature has a ``TimeSpan`` that begins on its start day and stays open, as on the web map and in
QGIS (a feature stays on the map once it has happened); its own start and end are in its ExtendedData.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

import jinja2
import pygeoif
from fastkml import containers, data, features, times, views
from fastkml.enums import DateTimeResolution
from fastkml.styles import Style, StyleUrl
from shapely.geometry import GeometryCollection
from shapely.geometry.base import BaseGeometry

from ..dates import PartialDate
from ..geometry import LocalPlane, arrows, frame_bounds, story_plane
from ..handout.content import cite, correction, paragraphs
from ..i18n import Words
from ..schema import Dated, Frame, MovementProps, PlaceProps
from ..story import Feature, Story
from ..templating import environment
from ..wording import date_label, display_name
from . import look

XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""Characters XML 1.0 cannot hold (C0 controls but tab and newlines, surrogates, non-characters)."""


def clean(text: str) -> str:
    """Text XML can carry: characters it cannot hold become U+FFFD, so hostile text never breaks the file."""
    return XML_UNSAFE.sub("\ufffd", text)


@lru_cache(maxsize=1)
def _balloon() -> jinja2.Template:
    env = environment().overlay(loader=jinja2.FileSystemLoader(Path(__file__).parent))
    return env.get_template("balloon.html.j2")


@lru_cache(maxsize=1)
def _css() -> str:
    return Path(__file__).with_name("balloon.css").read_text(encoding="utf-8")


def balloon(story: Story, props: Any, name: str, facts: list[str] | None = None) -> str:
    """The balloon HTML of a feature or frame (escaped by the template)."""
    by_id = {c.id: c for c in story.meta.corrections}
    view = {
        "name": name,
        "then": getattr(props, "name_period", None) if getattr(props, "name_period", None) != name else None,
        "date": date_label(props, story.words) if _dated(props) else None,
        "date_note": props.date_note if _dated(props) else None,
        "facts": facts or [],
        "paragraphs": paragraphs(props.narrative),
        "corrections": [correction(by_id[c], story) for c in props.corrections if c in by_id],
        "sources": [cite(c, story) for c in props.sources],
    }
    return clean(_balloon().render(b=view, css=_css(), w=story.words))


def kml_time(p: PartialDate) -> times.KmlDateTime | None:
    """The first day as KML gives it, at the date's own precision; None before AD 1 (KML readers' dates
    are Python's and Google Earth's, which stop there: such a feature is shown at all times)."""
    try:
        day = p.first.to_date()
    except ValueError:
        return None
    if p.calendar != "gregorian" or p.precision not in ("month", "year"):
        return times.KmlDateTime(day, DateTimeResolution.date)
    return times.KmlDateTime(day, DateTimeResolution.year_month if p.precision == "month" else DateTimeResolution.year)


def time_span(item: Dated, with_end: bool = False) -> times.TimeSpan | None:
    """From the first day, open-ended; ``with_end``: to the last day the date can mean (a frame's span)."""
    begin = kml_time(item.first)
    if begin is None:
        return None
    end = times.KmlDateTime(item.last.last.to_date(), DateTimeResolution.date) if with_end else None
    return times.TimeSpan(begin=begin, end=end)


RENAMED = {"start": "start_date", "end": "end_date"}
"""Properties renamed in ExtendedData: GDAL and Google Earth read ``begin``/``end`` as the KML time span."""


def extended_data(f: Feature, words: Words) -> data.ExtendedData:
    """Every property as a named value (lists as JSON), plus the layer and the date as the story words it."""
    values: dict[str, Any] = {"layer": f.layer}
    for key, value in f.properties().items():
        if value is None:
            continue
        text = json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value
        values[RENAMED.get(key, key)] = text
    dated = _dated(f.props)
    if dated is not None:
        values["date_text"] = date_label(dated, words)
    return data.ExtendedData(elements=[data.Data(name=k, value=clean(str(v))) for k, v in values.items()])


def _geometry(geom: BaseGeometry) -> Any:
    """shapely to pygeoif, which fastkml writes, through the shared ``__geo_interface__``."""
    return pygeoif.shape(cast(Any, geom))


def _dated(props: object) -> Dated | None:
    return props if isinstance(props, Dated) else None


class Builder:
    """Builds the document for one story: styles by the legend rule, placemarks by layer, frames."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self.plane: LocalPlane = story_plane(story)
        self.arrows = {a.feature.id: a for a in arrows(story)}
        self.styles: dict[str, Style] = {}

    def _style(self, style: Style) -> StyleUrl:
        assert style.id is not None
        self.styles.setdefault(style.id, style)
        return StyleUrl(url=f"#{style.id}")

    def _look(self, f: Feature) -> tuple[StyleUrl, BaseGeometry]:
        """The style and the geometry drawn with it (dashes cut, arrows with their heads)."""
        props = f.props
        if isinstance(props, PlaceProps):
            rank = props.label_rank
            return self._style(look.dot_style(f"place-{rank}", "places", "files/places.png", rank)), f.geometry
        if f.layer == "events":
            return self._style(look.dot_style("event", "events", "files/events.png")), f.geometry
        if isinstance(props, MovementProps):
            line = look.movement_line(props, self.story.meta)
            arrow = self.arrows[f.id]
            fill = look.kml_colour(self.story.meta.sides[props.side].colour) if props.kind != "intended" \
                else look.kml_colour("#ffffff")
            style_id = f"movement-{props.side}-{props.kind}-{props.route_certainty}"
            shaft = look.dashed(arrow.shaft, line.dash, self.plane)
            return self._style(look.line_style(style_id, line, fill)), GeometryCollection([shaft, arrow.head])
        line = look.layer_line(f.layer)
        return self._style(look.line_style(f.layer, line)), look.dashed(f.geometry, line.dash, self.plane)

    def placemark(self, f: Feature) -> features.Placemark:
        style, geom = self._look(f)
        name = display_name(f.props)
        dated = _dated(f.props)
        return features.Placemark(
            id=f.id, name=clean(name), description=balloon(self.story, f.props, name), style_url=style,
            times=time_span(dated) if dated is not None else None,
            extended_data=extended_data(f, self.story.words), geometry=_geometry(geom))

    def look_at(self, frame: Frame) -> views.LookAt:
        """Straight down on the frame's view (``geometry.frame_bounds``, shared with every output)."""
        west, south, east, north = frame_bounds(self.story, frame)
        width_km = (east - west) * self.plane.kx
        height_km = (north - south) * self.plane.ky
        # Google Earth's view is about 60° wide: the eye sits about 0.9 widths above the ground to see it all
        distance_m = round(max(width_km, height_km * 1.5) * 900)
        lon, lat = self.centre(frame)
        return views.LookAt(longitude=lon, latitude=lat, altitude=0, heading=0, tilt=0, range=distance_m)

    def centre(self, frame: Frame) -> tuple[float, float]:
        west, south, east, north = frame_bounds(self.story, frame)
        return round((west + east) / 2, 5), round((south + north) / 2, 5)

    def frame_placemark(self, number: int, frame: Frame) -> features.Placemark:
        """A frame as a placemark: its view, its dates, its balloon; drawn as nothing on the map."""
        name = f"{number:02d} · {date_label(frame, self.story.words)} — {frame.title}"
        at = self.look_at(frame)
        values = {"number": str(number), "title": frame.title, "start_date": frame.start,
                  "end_date": frame.end or frame.start, "date_text": date_label(frame, self.story.words)}
        return features.Placemark(
            id=f"frame-{frame.id}", name=clean(name), description=balloon(self.story, frame, frame.title),
            view=at, style_url=self._style(look.hidden_style("frame")), times=time_span(frame, with_end=True),
            extended_data=data.ExtendedData(elements=[data.Data(name=k, value=clean(v)) for k, v in values.items()]),
            geometry=pygeoif.Point(*self.centre(frame)))

    def document(self) -> containers.Document:
        meta = self.story.meta
        w = self.story.words
        titles = w.raw("layer_folders")
        folders = [containers.Folder(id=f"layer-{layer}", name=titles.get(layer, layer),
                                     features=[self.placemark(f) for f in fs])
                   for layer, fs in self.story.layers.items() if fs]
        folders.append(containers.Folder(id="frames", name=w("frames_folder"), features=[
            self.frame_placemark(i, fr) for i, fr in enumerate(self.story.frames, start=1)]))
        title = " ".join(t for t in (meta.title, meta.title_zh) if t)
        return containers.Document(id=meta.id, name=clean(title), description=clean(meta.summary), isopen=True,
                                   styles=list(self.styles.values()), features=folders)
