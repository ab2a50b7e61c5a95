"""Folium widgets for the story map, each a MacroElement whose markup lives in webmap/templates/.

Unlike folium's own elements, these render through an autoescaping Jinja environment and hand their
output to the page as-is. (branca re-parses a MacroElement's output as a template, so author text such as
``{{ 7*7 }}`` in a narrative would otherwise be evaluated at build time.)
"""
from __future__ import annotations

import base64
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import rjsmin
from branca.element import Element, MacroElement
from markupsafe import Markup

from ..i18n import HTML_LANG, catalogue
from ..legend import FADED_NOTE, SECTION_TITLES, LegendEntry, Stroke, kind_look, legend_entries
from ..story import Story
from ..templating import environment
from .wire import page_json


class _Raw(Element):
    """Already-rendered markup, emitted verbatim (never parsed again as a template)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Raw"
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class _Widget(MacroElement):
    """A MacroElement rendered from a package template with autoescaping on."""

    template_name = ""

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca's MacroElement is untyped
        self._name = type(self).__name__
        self._template = environment().get_template(self.template_name)

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # branca: MacroElement renders into its root
        figure = self.get_root()
        module = self._template.make_module({})
        for part in ("header", "html", "script"):
            macro = getattr(module, part, None)
            if macro is not None:
                getattr(figure, part).add_child(_Raw(str(macro(self, kwargs))), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


def _inline(text: str, closing: str, what: str) -> Markup:
    """Trusted package text for an inline script or style element; refuse anything that would end it early."""
    if closing in text.lower():
        raise ValueError(f"{what} contains {closing!r} and cannot be inlined into the page")
    return Markup(text)


def _leaflet_dir() -> Path:
    try:
        from xstatic.pkg import leaflet
    except ImportError as exc:  # a dependency, but say how to get it if someone runs from a bare checkout
        raise RuntimeError("the web map needs Leaflet from the package xstatic-leaflet: "
                           "pip install xstatic-leaflet") from exc
    return Path(leaflet.BASE_DIR)


@lru_cache(maxsize=1)
def _leaflet_css() -> str:
    """leaflet.css with its images as data: URIs, so the layer control icon needs no file or network."""
    base = _leaflet_dir()

    def data_uri(match: re.Match[str]) -> str:
        image = base / match.group(1)
        return f"url(data:image/png;base64,{base64.b64encode(image.read_bytes()).decode()})"

    return re.sub(r"url\((images/[\w.-]+\.png)\)", data_uri, (base / "leaflet.css").read_text(encoding="utf-8"))


def _static(name: str) -> str:
    return resources.files("geostory.webmap").joinpath("static", name).read_text(encoding="utf-8")


SCRIPTS = ("dom.js", "arrows.js", "features.js", "controls.js", "player.js", "view.js", "story.js")
"""The page's classic scripts, inlined in this order (each adds to window.geostory)."""


class InlineAssets(_Widget):
    """The page title plus Leaflet, the story scripts and story.css inlined: the page works from file:// offline."""

    template_name = "webmap-assets.html"

    def __init__(self, story: Story) -> None:
        super().__init__()
        self.meta = story.meta
        self.leaflet_css = _inline(_leaflet_css(), "</style", "leaflet.css")
        self.leaflet_js = _inline((_leaflet_dir() / "leaflet.js").read_text(encoding="utf-8"), "</script", "leaflet.js")
        self.story_css = _inline(_static("story.css"), "</style", "story.css")
        self.scripts = [_inline(rjsmin.jsmin(_static(name)), "</script", name) for name in SCRIPTS]


AUTOPLAY_SPEEDS = (("speed_slow", 8000), ("speed_normal", 5000), ("speed_fast", 2500))
"""The autoplay speed control's choices (message keys, milliseconds a frame): a teacher talking over each
frame, a reader, a quick overview."""
AUTOPLAY_MS = 5000
"""The speed selected at first (dom.js sets the same in geostory.autoplayMs)."""


class StoryPanel(_Widget):
    """The story panel (date, narrative, sources, controls, time slider) and the data that drives it."""

    template_name = "webmap-panel.html"

    def __init__(self, story: Story, payload: dict[str, Any], groups: dict[str, Element],
                 editions: dict[str, str] | None = None) -> None:
        super().__init__()
        self.meta = story.meta
        self.words = story.words
        # The language switch: a link to each other edition's page, named in its own language.
        self.switch = [{"href": href, "lang": HTML_LANG[lang], "name": catalogue(lang)["language_name"]}
                       for lang, href in (editions or {}).items() if lang != story.lang]
        self.payload = payload
        self.wire = page_json(payload)  # the page's copy, in columns (wire.py)
        self.groups = groups
        self.speeds = [(story.words(key), ms) for key, ms in AUTOPLAY_SPEEDS]
        self.speed = AUTOPLAY_MS


KEY_W, KEY_H = 44.0, 16.0
"""A legend key's box in CSS pixels; movement and line keys run across it at mid-height."""
KEY_HEAD_MAX = 14.0
"""A key's arrow head is the kind's own, scaled down to at most this length so it fits the key."""


def _key(entry: LegendEntry) -> dict[str, Any]:
    """What the template draws for one legend entry: strokes as straight lines, an arrow head, or a dot."""
    mid = KEY_H / 2
    if entry.movement is not None or entry.colour is not None:
        look = entry.movement or kind_look("advance", entry.colour or "")
        h = look.head
        scale = min(1.0, KEY_HEAD_MAX / h.length)
        length, half = h.length * scale, h.width * scale / 2
        tip = KEY_W - 2 - (h.outline / 2 if h.style == "hollow" else 0)
        end = tip - length * 0.6  # the shaft runs into the head, never past its tip
        return {"strokes": [_stroke(s, f"M2 {mid:g}H{end:g}") for s in look.strokes], "dot": None,
                "head": {"points": f"{tip - length:g},{mid - half:g} {tip:g},{mid:g} {tip - length:g},{mid + half:g}",
                         "fill": h.fill, "stroke": h.colour, "outline": h.outline, "opacity": h.opacity}}
    if entry.point is not None:
        pt = entry.point
        return {"dot": {"r": pt.radius, "fill": pt.fill, "stroke": pt.colour, "outline": pt.outline,
                        "cx": KEY_W / 2, "cy": mid}, "strokes": [], "head": None}
    path = f"M2 {mid + 2:g}C12 {mid - 4:g} 22 {mid + 5:g} {KEY_W - 2:g} {mid - 2:g}" if entry.key == "rivers" \
        else f"M2 {mid:g}H{KEY_W - 2:g}"
    return {"strokes": [_stroke(s, path) for s in entry.strokes], "head": None, "dot": None}


def _stroke(s: Stroke, path: str) -> dict[str, Any]:
    return {"d": path, "colour": s.colour, "width": round(s.width, 3), "dash": s.svg_dash(), "cap": s.cap,
            "opacity": round(s.opacity, 3), "role": s.role}


class Legend(_Widget):
    """The map key: geostory.legend's entries for this story (only its sides, kinds, routes and layers)."""

    template_name = "webmap-legend.html"

    def __init__(self, story: Story, layers: list[str], position: str = "bottomright") -> None:
        super().__init__()
        self.position = position
        self.key_box = f"0 0 {KEY_W:g} {KEY_H:g}"
        entries = legend_entries(story, layers=layers)
        w = self.words = story.words
        self.sections = [{"name": name, "title": w.get(f"section_{name}", title),
                          "entries": [{"entry": e, "key": _key(e)} for e in entries if e.section == name]}
                         for name, title in SECTION_TITLES.items()]
        self.sections = [s for s in self.sections if s["entries"]]
        self.note = w.get("faded_note", FADED_NOTE) if story.dated_layers else None
