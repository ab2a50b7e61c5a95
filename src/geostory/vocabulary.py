"""A story's own words for things: the kinds of places, events and movements, and its extra fields.

Built-in kinds (a Harbin-shaped campaign's: city, battle, advance, rail …) stay available; a story adds its
own in ``story.json`` under ``kinds`` (a siege, a fort, a naval move), each with a label and, for movements,
a look that starts from a built-in kind. Extra feature properties (an image, a Wikidata id) are kept when
``story.json`` declares them under ``fields``; names in other languages (``name_fr``, ``name_la``) are always
kept. This module is the one home of those rules; validation reads them through the story's context.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .i18n import Words
from .styles import MovementKindStyle, styles

PLACE_KINDS = {"city": "City", "town": "Town", "station": "Railway station", "battlefield": "Battlefield",
               "region": "Region"}
EVENT_KINDS = {"battle": "Battle", "riot": "Riot", "political": "Political event", "military": "Military action",
               "negotiation": "Negotiation", "transport": "Transport"}
KIND_LAYERS = ("places", "events", "movements")
LANGUAGE_NAME = re.compile(r"name_[a-z]{2,3}(?:_[a-z0-9]{2,8})*", re.ASCII)
"""A name in another language, by its BCP 47 tag with '_' for '-': name_fr, name_la, name_zh_hant."""
_Key = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")]


class _Decl(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Kind(_Decl):
    """A place or event kind: the words popups and legends use for it."""

    label: Annotated[str, Field(min_length=1)]
    label_zh: str | None = None


class MovementKind(Kind):
    """A movement kind: a label and a look, each unset value taken from the built-in kind it is ``like``."""

    like: str = "advance"
    width: Annotated[float, Field(gt=0, le=20)] | None = None
    dash: str | None = Field(None, pattern=r"^\d+(?:\.\d+)?(?: \d+(?:\.\d+)?)+$",
                             description="a dash pattern in CSS pixels, like '8 6'")
    opacity: Annotated[float, Field(ge=0, le=1)] | None = None
    head: Literal["filled", "hollow"] | None = None
    head_length: Annotated[float, Field(gt=0, le=60)] | None = None
    casing: bool | None = None

    @field_validator("like")
    @classmethod
    def _builtin(cls, value: str) -> str:
        if value not in builtin_movement_kinds():
            raise ValueError(f"a built-in movement kind ({', '.join(builtin_movement_kinds())})")
        return value


class Kinds(_Decl):
    places: dict[_Key, Kind] = {}
    events: dict[_Key, Kind] = {}
    movements: dict[_Key, MovementKind] = {}


class ExtraField(_Decl):
    """An extra feature property the story keeps, and whether popups show it."""

    label: Annotated[str, Field(min_length=1)]
    label_zh: str | None = None
    popup: bool = True


def builtin_movement_kinds() -> dict[str, MovementKindStyle]:
    return dict(styles().movement_kinds)


def movement_kinds(kinds: Kinds | None) -> dict[str, MovementKindStyle]:
    """Every movement kind's look and label: the built-ins, then the story's, each over the kind it is like."""
    out = builtin_movement_kinds()
    for key, decl in (kinds.movements if kinds else {}).items():
        update = decl.model_dump(exclude_none=True, exclude={"like"})
        if decl.dash is None and "dash" in decl.model_fields_set:
            update["dash"] = None
        out[key] = out.get(decl.like, out["advance"]).model_copy(update=update)
    return out


def kind_labels(kinds: Kinds | None, layer: str, w: Words | None = None) -> dict[str, str]:
    """Kind id to label for a layer, in the interface's language: built-in kinds first (the catalogue's
    words for them), then the story's (which may relabel a built-in; ``label_zh`` in Chinese)."""
    zh = w is not None and w.lang == "zh"
    translated: Mapping[str, str] = w.raw("kind_labels") if w is not None else {}
    if layer == "movements":
        builtin = {k: spec.label for k, spec in builtin_movement_kinds().items()}
    else:
        builtin = dict({"places": PLACE_KINDS, "events": EVENT_KINDS}.get(layer, {}))
    out = {k: translated.get(k, label) for k, label in builtin.items()}
    declared: Mapping[str, Kind] = getattr(kinds, layer) if kinds else {}
    return {**out, **{k: (d.label_zh if zh and d.label_zh else d.label) for k, d in declared.items()}}


def certainty_label(certainty: str, w: Words | None = None) -> str:
    """'Route approximate', in the interface's language."""
    english = styles().route_certainty[certainty].label
    return str(w.raw("route_certainty_labels").get(certainty, english)) if w is not None else english


def layer_label(layer: str, w: Words | None = None) -> str:
    """A layer's legend label ('Railway of the time'), in the interface's language."""
    english = styles().layers.by_name()[layer].label
    return str(w.raw("layer_labels").get(layer, english)) if w is not None else english


def kind_problem(layer: str, kind: object, context: object) -> str | None:
    """What to write instead of an unknown kind, or None when the kind is known to the story."""
    kinds = context.get("kinds") if isinstance(context, dict) else None
    known = kind_labels(kinds if isinstance(kinds, Kinds) else None, layer)
    if kind in known:
        return None
    declared = list(getattr(kinds, layer)) if isinstance(kinds, Kinds) else []
    singular = layer.rstrip("s")
    own = f"; this story declares {', '.join(declared)}" if declared else ""
    builtin = [k for k in known if k not in declared]
    article = "an" if singular[0] in "aeiou" else "a"
    return (f"{article} {singular} kind: one built in ({', '.join(builtin)}){own}, or declare it in story.json "
            f'under kinds.{layer}, like "{kind if isinstance(kind, str) else "siege"}": {{"label": "…"}}')


def is_language_name(key: str) -> bool:
    return LANGUAGE_NAME.fullmatch(key) is not None


def language_names(extra: Mapping[str, Any]) -> dict[str, str]:
    """The names in other languages among a feature's extra fields, by language tag ('fr', 'zh-Hant')."""
    return {key[5:].replace("_", "-"): str(v) for key, v in extra.items() if is_language_name(key) and v}
