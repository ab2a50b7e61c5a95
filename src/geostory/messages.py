"""Plain-English wording of validation errors: what was expected, what was found, and what to do.

pydantic's own messages ("List should have at least 1 item after validation, not 0") speak of types; an
author needs the story's words. Each error kind the schema can raise is worded once here.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import Problem, shorten

M = TypeVar("M", bound=BaseModel)
_UNION_TAG = re.compile(r"int|str|float|bool|none|(list|dict|tuple|literal|function-\w+)\[.*\]|[A-Z]\w*")
"""How pydantic names the members of a union in an error's location (field names are lower-case words)."""
Placer = Callable[[str | None, str | None, str, str, str | None], Problem | None]
"""Places a problem in a spreadsheet (sheet, row, column), or drops one already reported there."""

SLUG_PATTERN_START = "^[a-z0-9]"
SLUG_EXPECTED = "lower-case ASCII letters and digits in words joined by '-'"
SLUG_HINT = "for example 'battle-of-harbin'"
COLOUR_PATTERN_START = "^#"

_TYPES = {
    "string_type": "text in double quotes",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "int_parsing": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "list_type": "a list [...]",
    "tuple_type": "a list [...]",
    "dict_type": "a JSON object",
    "model_type": "a JSON object",
    "model_attributes_type": "a JSON object",
    "none_required": "null",
}
_BOUNDS = {
    "greater_than_equal": ("ge", "at least {}"),
    "greater_than": ("gt", "more than {}"),
    "less_than_equal": ("le", "at most {}"),
    "less_than": ("lt", "less than {}"),
}


def found_text(value: Any) -> str:
    """A found value in a message, as JSON (which authors write), shortened to fit one line."""
    return shorten(value)


def _one_of(expected: str) -> str:
    return f"one of {expected}"


def describe(err: Mapping[str, Any]) -> tuple[str, str, str | None]:
    """(expected, found, what to do) for one pydantic error, in the story's words."""
    kind: str = err["type"]
    ctx: Mapping[str, Any] = err.get("ctx") or {}
    value = err.get("input")
    found = found_text(value)
    if kind == "missing":
        return "a value (required)", "nothing", None
    if kind == "extra_forbidden":
        return ("no such field", "an unknown field",
                "remove it, check its spelling in docs/authoring.md, or declare it in story.json 'fields' to keep it")
    if kind in _TYPES:
        return _TYPES[kind], found, _type_hint(kind, value)
    if kind == "literal_error":
        return _one_of(str(ctx.get("expected"))), found, None
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern.startswith(SLUG_PATTERN_START):
            return SLUG_EXPECTED, found, SLUG_HINT
        if pattern.startswith(COLOUR_PATTERN_START):
            return "a colour written #rrggbb", found, "for example '#b2182b'"
        return f"text matching {pattern}", found, None
    if kind == "string_too_short":
        return "some text", "empty text", "write it, or leave the field out if it is optional"
    if kind == "too_short":
        noun = "entry" if ctx.get("field_type") == "Dictionary" else "item"
        return f"at least {ctx.get('min_length', 1)} {noun}", found, None
    if kind == "too_long":
        return f"at most {ctx.get('max_length')} items", found, None
    if kind in _BOUNDS:
        key, template = _BOUNDS[kind]
        return template.format(_number(ctx.get(key))), found, None
    if kind == "value_error":
        return str(ctx.get("error", "a valid value")), found, None
    message = str(err.get("msg", "a valid value"))
    for lead in ("Input should be ", "Value error, "):
        message = message.removeprefix(lead)
    return message, found, None


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _type_hint(kind: str, value: Any) -> str | None:
    if kind in ("int_type", "int_from_float") and isinstance(value, (bool, float)):
        return "write it without a decimal point or quotes" if isinstance(value, float) else "write a number"
    if kind in ("int_type", "float_type") and isinstance(value, str):
        return "write the number without quotes"
    if kind == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return "put it in double quotes"
    if kind == "list_type" and isinstance(value, str):
        return "put it in a list, like [\"...\"]"
    return None


class Report:
    """The problems found in one story folder, each with file, feature, field, expected, found and hint."""

    def __init__(self, display_root: str) -> None:
        self.display_root = display_root
        self.problems: list[Problem] = []
        self.context: dict[str, Any] = {}
        """What validation needs from story.json (the story's calendar), given to the models as context."""
        self.placed: dict[str, Placer] = {}
        """Files read from a spreadsheet (by the JSON name checks use): their problems go to a row and column."""

    def name(self, filename: str) -> str:
        """A story file as messages name it: the story folder's name, then the file."""
        return f"{self.display_root}/{filename}"

    def add(self, file: str, feature: str | None, field: str | None, expected: str, found: str,
            hint: str | None = None) -> None:
        placer = self.placed.get(file)
        if placer is not None:
            placed = placer(feature, field, expected, found, hint)
            self.problems.extend([placed] if placed is not None else [])
            return
        self.problems.append(Problem(self.name(file), feature, field, expected, found, hint))

    def validate(self, model: type[M], obj: Any, file: str, feature: str | None, prefix: str = "") -> M | None:
        """``obj`` as ``model`` (strictly: no booleans or floats for whole numbers), or None with each error added."""
        try:
            return model.model_validate(obj, strict=True, context=self.context)
        except ValidationError as exc:
            merged: dict[tuple[Any, ...], list[tuple[str, str, str | None]]] = {}
            for err in exc.errors():
                if err["type"] == "string_unicode":  # a lone surrogate: the text check reports it in plainer words
                    continue
                loc = tuple(err["loc"])
                if loc and isinstance(loc[-1], str) and _UNION_TAG.fullmatch(loc[-1]):
                    loc = loc[:-1]  # one member of a union (int | str): said once, as "a or b"
                merged.setdefault(loc, []).append(describe(err))
            for loc, described in merged.items():
                field = (prefix + ".".join(str(p) for p in loc)).rstrip(".")
                if len(described) == 1:
                    self.add(file, feature, field or None, *described[0])
                else:
                    expected = " or ".join(dict.fromkeys(e for e, _, _ in described))
                    self.add(file, feature, field or None, expected, described[0][1])
            return None
