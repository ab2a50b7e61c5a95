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

from branca.element import Element, MacroElement
from markupsafe import Markup

from ..story import Story
from ..styles import dash_list, styles
from ..templating import environment


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
        super().__init__()
        self._name = type(self).__name__
        self._template = environment().get_template(self.template_name)

    def render(self, **kwargs: Any) -> None:
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
        raise RuntimeError("the web map needs Leaflet from the package xstatic-leaflet: pip install xstatic-leaflet") from exc
    return Path(leaflet.BASE_DIR)


@lru_cache(maxsize=1)
def _leaflet_css() -> str:
    """leaflet.css with its images as data: URIs, so the layer control icon needs no file or network."""
    base = _leaflet_dir()

    def data_uri(match: re.Match) -> str:
        image = base / match.group(1)
        return f"url(data:image/png;base64,{base64.b64encode(image.read_bytes()).decode()})"

    return re.sub(r"url\((images/[\w.-]+\.png)\)", data_uri, (base / "leaflet.css").read_text(encoding="utf-8"))


def _static(name: str) -> str:
    return resources.files("geostory.webmap").joinpath("static", name).read_text(encoding="utf-8")


class InlineAssets(_Widget):
    """The page title plus Leaflet, story.js and story.css inlined: the page works from file:// offline."""

    template_name = "webmap-assets.html"

    def __init__(self, story: Story) -> None:
        super().__init__()
        self.meta = story.meta
        self.leaflet_css = _inline(_leaflet_css(), "</style", "leaflet.css")
        self.leaflet_js = _inline((_leaflet_dir() / "leaflet.js").read_text(encoding="utf-8"), "</script", "leaflet.js")
        self.story_css = _inline(_static("story.css"), "</style", "story.css")
        self.story_js = _inline(_static("story.js"), "</script", "story.js")


class StoryPanel(_Widget):
    """The story panel (date, narrative, sources, controls, time slider) and the data that drives it."""

    template_name = "webmap-panel.html"

    def __init__(self, story: Story, payload: dict[str, Any], groups: dict[str, Element]) -> None:
        super().__init__()
        self.meta = story.meta
        self.payload = payload
        self.groups = groups
        self.ticks = [fr["at"] for fr in payload["frames"]]


def _dash(dash: str | None) -> str:
    return " ".join(f"{x:g}" for x in dash_list(dash))


class Legend(_Widget):
    """Map key drawn from styles.json, listing only what this story has: its sides, kinds, routes and layers."""

    template_name = "webmap-legend.html"

    def __init__(self, story: Story, layers: list[str], position: str = "bottomright") -> None:
        super().__init__()
        st = styles()
        moves = [f.props for f in story.layers.get("movements", ())]
        events = [f.props for f in story.layers.get("events", ())]
        used_sides = {p.side for p in moves + events if p.side}
        used_kinds = {m.kind for m in moves}
        used_certainty = {m.route_certainty for m in moves if not st["movement_kinds"][m.kind]["dash"]}
        self.position = position
        self.sides = [side for key, side in story.meta.sides.items() if key in used_sides]
        self.kinds = [
            {"label": k["label"], "width": k["width"], "dash": _dash(k["dash"]), "hollow": k["head"] == "hollow",
             "casing": bool(k.get("casing"))}
            for name, k in st["movement_kinds"].items() if name in used_kinds
        ]
        self.certainty = [{"label": c["label"], "dash": _dash(c["dash"])}
                          for name, c in st["route_certainty"].items() if name in used_certainty]
        self.layers = [_layer_key(name, st["layers"][name]) for name in layers if name in st["layers"]]
        self.casing = st["casing"]
        self.hollow_fill = st["hollow_head_fill"]
        self.faded = bool(story.dated_layers)
        self.outline = st["outline"]
        self.ink = st["legend"]["ink"]  # keys that explain a line style rather than a side
        self.route_key_width = st["legend"]["route_key_width"]


def _layer_key(name: str, cfg: dict[str, Any]) -> dict[str, Any]:
    """A base layer's legend key: a dot (with a rank-2 place's radius) or a line (a wavy one for rivers)."""
    radius = cfg.get("radius")
    key = {"name": name, "label": cfg["label"], "colour": cfg["colour"], "point": radius is not None}
    if radius is not None:
        key.update(r=radius[len(radius) // 2] if isinstance(radius, list) else radius, fill=cfg["fill"])
    else:
        key.update(width=cfg["width"], dash=_dash(cfg.get("dash")), casing=bool(cfg.get("casing")),
                   path="M2 9C10 3 18 12 34 5" if name == "rivers" else "M2 7H34")
    return key
