"""What one spreadsheet cell may hold, read and written: lists, citations, routes and typed values.

A list field (``sources``, ``corrections``, ``features``, ``focus``, ``questions``, a movement's ``route``)
keeps its items in one cell, separated by ``|`` (a line break in the cell works too; between ids and route
points ``;`` too, but not in a list of texts such as questions, where it is punctuation). A citation is its
source key, then labelled parts: ``seed, section: Harbin Incident, paragraph: 3`` or
``lytton1932, pages: p. 80, note: the attack of 4–5 February``. A backslash makes the next character plain
text (``\\|`` is a bar inside an item). Writing then reading any value gives the value back.
"""
from __future__ import annotations

import json
import math
import re
import types
import typing
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from pydantic import AliasChoices, BaseModel

SEPARATOR = " | "
ID_SEPARATORS = "|\n;"
"""Between ids (and route points) a semicolon separates too: ids never hold one."""
CITATION_PARTS = ("section", "paragraph", "pages", "note")
_LABEL = re.compile(r",\s*(section|paragraph|pages|note)\s*:\s*", re.IGNORECASE)

Kind = Literal["text", "int", "float", "ids", "texts", "citations"]


class CellError(ValueError):
    """A cell that cannot be read as its column asks: ``expected`` says what would have been right."""

    def __init__(self, expected: str, part: str | None = None, found: str | None = None) -> None:
        super().__init__(expected)
        self.expected = expected
        self.part = part
        self.found = found


class Unplaced(CellError):
    """A route through a place whose own position is wrong: that place's row already says so."""


@dataclass(frozen=True)
class Column:
    """How a column of a sheet reads: its kind, and whether an empty cell means null (else: not given)."""

    kind: Kind
    nullable: bool


def columns_of(model: type[BaseModel]) -> dict[str, Column]:
    """Each field a model accepts, under every name it accepts (``from``, ``name_1930s``), with its kind."""
    out: dict[str, Column] = {}
    for name, field in model.model_fields.items():
        column = _column(field.annotation)
        names = [field.alias or name]
        if isinstance(field.validation_alias, AliasChoices):
            names += [c for c in field.validation_alias.choices if isinstance(c, str)]
        for n in names:
            out.setdefault(n, column)
    return out


def _column(annotation: Any) -> Column:
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return Column(_column(inner[0]).kind if len(inner) == 1 else "text", True)
    if typing.get_origin(annotation) is list:
        item = typing.get_args(annotation)[0] if args else str
        if isinstance(item, type) and issubclass(item, BaseModel):
            return Column("citations", False)
        return Column("ids" if _is_id(item) else "texts", False)
    if annotation is int:
        return Column("int", False)
    if annotation is float:
        return Column("float", False)
    return Column("text", False)


def _is_id(item: Any) -> bool:
    """Whether a list's items are ids (strings with a pattern, such as a slug) rather than free text."""
    if typing.get_origin(item) is not typing.Annotated:
        return False
    metadata = (m for info in typing.get_args(item)[1:] for m in getattr(info, "metadata", ()))
    return any(getattr(m, "pattern", None) for m in metadata)


def is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def split_items(text: str, separators: str = "|\n") -> list[str]:
    """Items of a list cell: split at ``separators`` not escaped by a backslash; escapes kept."""
    items, current, i = [], [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            current.append(text[i : i + 2])
            i += 2
            continue
        if ch in separators:
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text, flags=re.DOTALL)


def escape(text: str, also: str = "") -> str:
    """Make ``text`` one plain item: backslashes, bars, line breaks, the characters in ``also`` and
    label-like commas escaped."""
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "\\\n")
    for ch in also:
        text = text.replace(ch, "\\" + ch)
    return _LABEL.sub(lambda m: "\\" + m.group(0), text)


def _plain_split(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int, str]]:
    """Matches of ``pattern`` in ``text`` that are not preceded by an escaping backslash."""
    hits = []
    for m in pattern.finditer(text):
        backslashes = len(text[: m.start()]) - len(text[: m.start()].rstrip("\\"))
        if backslashes % 2 == 0:
            hits.append((m.start(), m.end(), m.group(1).lower()))
    return hits


def parse_citation(item: str) -> dict[str, Any]:
    hits = _plain_split(item, _LABEL)
    head = item[: hits[0][0]] if hits else item
    if "," in re.sub(r"\\.", "", head):
        raise CellError("a source key, then labelled parts (', section: …', ', paragraph: …', ', pages: …', "
                        "', note: …')")
    out: dict[str, Any] = {"source": unescape(head).strip()}
    for n, (_, end, label) in enumerate(hits):
        stop = hits[n + 1][0] if n + 1 < len(hits) else len(item)
        value = unescape(item[end:stop]).strip()
        if label in out:
            raise CellError(f"'{label}' once in a citation", label)
        if label == "paragraph":
            out[label] = parse_int(value, label)
        else:
            out[label] = value
    return out


def format_citation(citation: dict[str, Any]) -> str:
    parts = [escape(str(citation.get("source", "")))]
    for key, value in citation.items():
        if key == "source" or value is None:
            continue
        if key not in CITATION_PARTS:
            raise CellError(f"citation parts {', '.join(CITATION_PARTS)}", key)
        parts.append(f"{key}: {escape(str(value))}")
    return ", ".join(parts)


def parse_int(value: object, part: str | None = None) -> int:
    if isinstance(value, bool):
        raise CellError("a whole number", part)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*[+-]?[0-9]+\s*", value):
        return int(value)
    raise CellError("a whole number", part)


def parse_number(value: object) -> float:
    """A number as the cell has it: ``127.0`` stays a float and ``127`` an int, so JSON is written back alike."""
    if isinstance(value, bool):
        raise CellError("a number")
    if isinstance(value, (int, float)):
        number: float = value
    elif isinstance(value, str) and re.fullmatch(r"\s*-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?\s*", value):
        number = json.loads(value)
    else:
        raise CellError("a number")
    if not math.isfinite(number):
        raise CellError("a finite number")
    return number


def format_number(value: float) -> str:
    return json.dumps(value)


def parse_route(text: str, places: dict[str, list[Any] | None]) -> list[list[Any]]:
    """A route cell: place ids and ``lon lat`` pairs, in order of travel."""
    points: list[list[Any]] = []
    unplaced = False
    for n, item in enumerate(split_items(text, ID_SEPARATORS), start=1):
        parts = item.replace(",", " ").split()
        if len(parts) == 2 and all(re.fullmatch(r"-?[0-9.eE+-]+", p) for p in parts):
            try:
                points.append([parse_number(parts[0]), parse_number(parts[1])])
            except CellError:
                raise CellError("'lon lat' as two numbers", f"point {n}", json.dumps(item)) from None
        elif item not in places:
            raise CellError("a place id from the places layer or a 'lon lat' pair", f"point {n}",
                            json.dumps(item, ensure_ascii=False))
        else:
            xy = places[item]
            unplaced = unplaced or xy is None
            points.append(list(xy) if xy is not None else [])
    if unplaced:
        raise Unplaced("")
    return points


def format_route(coordinates: list[list[Any]], places: dict[str, list[Any] | None]) -> str:
    """Points that sit exactly on a place are written as its id; every other point as ``lon lat``."""
    by_point = {json.dumps(xy): pid for pid, xy in reversed(list(places.items())) if xy is not None}
    items = []
    for xy in coordinates:
        if len(xy) != 2:
            raise CellError("two coordinates per point")
        items.append(by_point.get(json.dumps(xy)) or f"{format_number(xy[0])} {format_number(xy[1])}")
    return SEPARATOR.join(items)


def read_cell(value: object, column: Column | None) -> Any:
    """A non-empty cell as the JSON value its column holds (an unknown column reads as text)."""
    if column is None and isinstance(value, (bool, int, float)):
        return value  # a story's own field (story.json 'fields'): a workbook keeps its number or true/false
    kind = column.kind if column else "text"
    if kind == "int":
        return parse_int(value)
    if kind == "float":
        number = parse_number(value)
        return float(number)
    text = cell_text(value)
    if kind in ("ids", "texts"):
        return [unescape(i) for i in split_items(text, ID_SEPARATORS if kind == "ids" else "|\n")]
    if kind == "citations":
        return [parse_citation(i) for i in split_items(text)]
    return text


def cell_text(value: object) -> str:
    """Text as a spreadsheet holds it: a date cell as an ISO date, a whole number without ``.0``."""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_cell(value: Any, column: Column | None) -> str | int | float:
    """A JSON value as a cell; ``None`` and ``[]`` become an empty cell."""
    if value is None:
        return ""
    kind = column.kind if column else "text"
    if kind == "citations":
        if not isinstance(value, list) or not all(isinstance(c, dict) for c in value):
            raise CellError("a list of citations")
        return SEPARATOR.join(format_citation(c) for c in value)
    if kind in ("ids", "texts"):
        if not isinstance(value, list):
            raise CellError("a list of ids" if kind == "ids" else "a list of texts")
        return SEPARATOR.join(escape(str(v), ";" if kind == "ids" else "") for v in value)
    if isinstance(value, (list, dict)):
        raise CellError("text, a number or true/false")
    if isinstance(value, (bool, int, float)):
        return value
    return str(value)
