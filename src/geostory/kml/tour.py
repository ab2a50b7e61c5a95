"""The ``gx:Tour``: Google Earth flies frame by frame to each frame's view, sets the time slider to the
frame's dates and opens the frame's balloon (its date, title and narrative), then waits and moves on.

fastkml does not model tours, so the tour is added to fastkml's element tree with lxml's element API (never
as text), in Google's gx extension namespace; the result validates against the schema fastkml ships.
"""
from __future__ import annotations

from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from ..schema import Frame
from ..story import Story
from .document import Builder, clean, kml_time

KML = "http://www.opengis.net/kml/2.2"
GX = "http://www.google.com/kml/ext/2.2"
FLY_SECONDS = 4.0
READ_SECONDS = 8.0
"""Time to read a frame's title and the start of its narrative before the tour flies on."""


def _el(parent: Any, ns: str, tag: str, text: str | None = None, **attrs: str) -> Any:
    node = etree.SubElement(parent, f"{{{ns}}}{tag}", attrs)
    if text is not None:
        node.text = text
    return node


def _balloon(playlist: Any, frame_id: str, visible: bool) -> None:
    update = _el(_el(playlist, GX, "AnimatedUpdate"), KML, "Update")
    _el(update, KML, "targetHref", "")
    change = _el(update, KML, "Change")
    _el(_el(change, KML, "Placemark", targetId=f"frame-{frame_id}"), GX, "balloonVisibility",
        "1" if visible else "0")


def _fly_to(playlist: Any, builder: Builder, frame: Frame) -> None:
    fly = _el(playlist, GX, "FlyTo")
    _el(fly, GX, "duration", f"{FLY_SECONDS:g}")
    _el(fly, GX, "flyToMode", "smooth")
    at = builder.look_at(frame)
    look = _el(fly, KML, "LookAt")
    begin, end = kml_time(frame.first), kml_time(frame.last)
    if begin is not None and end is not None:  # the time slider shows the frame's days
        span = _el(look, GX, "TimeSpan")
        _el(span, KML, "begin", begin.__str__())
        _el(span, KML, "end", frame.last.last.to_date().isoformat())
    for tag in ("longitude", "latitude", "altitude", "heading", "tilt", "range"):
        _el(look, KML, tag, f"{getattr(at, tag):g}" if tag != "range" else str(at.range))


def add_tour(document: Any, story: Story, builder: Builder) -> None:
    """Append the tour to the Document element."""
    tour = _el(document, GX, "Tour", id="frame-tour")
    _el(tour, KML, "name", clean(story.words("tour", title=story.meta.title)))
    playlist = _el(tour, GX, "Playlist")
    for frame in story.frames:
        _fly_to(playlist, builder, frame)
        _balloon(playlist, frame.id, True)
        wait = _el(playlist, GX, "Wait")
        _el(wait, GX, "duration", f"{READ_SECONDS:g}")
        _balloon(playlist, frame.id, False)
