"""Rewrite a JSON file so that a version-control diff shows only what changed.

A file in a layout ``json.dumps`` reproduces (geostory's own two-space indent, or another indent) is written
again in that layout. Any other layout (hand-aligned, one feature per line) is edited in place: only the text
of the values that changed is replaced, and features are cut out or added after the last one.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

_WS = " \t\r\n"


@dataclass
class Node:
    """A JSON value and where its text is: ``start``..``end`` (end exclusive)."""

    start: int
    end: int
    members: dict[str, Node] = field(default_factory=dict)
    items: list[Node] = field(default_factory=list)


def _skip(text: str, i: int) -> int:
    while i < len(text) and text[i] in _WS:
        i += 1
    return i


def _string_end(text: str, i: int) -> int:
    i += 1
    while text[i] != '"':
        i += 2 if text[i] == "\\" else 1
    return i + 1


def _parse(text: str, i: int) -> Node:
    i = _skip(text, i)
    start = i
    ch = text[i]
    if ch == "{":
        node = Node(start, start)
        i = _skip(text, i + 1)
        while text[i] != "}":
            key_end = _string_end(text, i)
            key = json.loads(text[i:key_end])
            i = _skip(text, key_end) + 1  # the colon
            value = _parse(text, i)
            node.members[key] = value
            i = _skip(text, value.end)
            if text[i] == ",":
                i = _skip(text, i + 1)
        node.end = i + 1
        return node
    if ch == "[":
        node = Node(start, start)
        i = _skip(text, i + 1)
        while text[i] != "]":
            value = _parse(text, i)
            node.items.append(value)
            i = _skip(text, value.end)
            if text[i] == ",":
                i = _skip(text, i + 1)
        node.end = i + 1
        return node
    if ch == '"':
        return Node(start, _string_end(text, i))
    end = i
    while end < len(text) and text[end] not in ",]} \t\r\n":
        end += 1
    return Node(start, end)


def layout(text: str, obj: Any) -> dict[str, Any] | None:
    """The ``json.dumps`` options that write ``obj`` as exactly ``text``, if there are any."""
    for indent in (2, 4, 1, 3, "\t", None):
        for ensure_ascii in (False, True):
            dumped = json.dumps(obj, ensure_ascii=ensure_ascii, indent=indent)
            for ending in ("\n", "", "\r\n"):
                candidate = dumped.replace("\n", "\r\n") if ending == "\r\n" else dumped
                if candidate + ending == text:
                    return {"indent": indent, "ensure_ascii": ensure_ascii, "ending": ending}
    return None


def dumps(obj: Any, style: dict[str, Any]) -> str:
    text = json.dumps(obj, ensure_ascii=style["ensure_ascii"], indent=style["indent"])
    ending = str(style["ending"])
    return (text.replace("\n", "\r\n") if ending == "\r\n" else text) + ending


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def rewrite(text: str, old: Any, new: Any, list_key: str) -> str:
    """``text`` (which holds ``old``) changed to hold ``new``; ``list_key`` names the list of items
    (``features`` or ``frames``), matched by their ``id``."""
    style = layout(text, old)
    if style is not None:
        return dumps(new, style)
    root = _parse(text, 0)
    edits: list[tuple[int, int, str]] = []
    items_node = root.members[list_key]
    old_items = {item.get("id"): (item, node) for item, node in zip(old[list_key], items_node.items, strict=True)}
    new_ids = {item.get("id") for item in new[list_key]}
    for n, item in enumerate(old[list_key]):
        if item.get("id") not in new_ids:
            edits.append(_cut(text, items_node, n))
    for item in new[list_key]:
        found = old_items.get(item.get("id"))
        if found is None:
            continue
        before, node = found
        _edit_object(text, node, before, item, edits)
    added = [item for item in new[list_key] if item.get("id") not in old_items]
    if added:
        edits.append(_append(text, items_node, added))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _edit_object(text: str, node: Node, before: dict[str, Any], after: dict[str, Any],
                 edits: list[tuple[int, int, str]]) -> None:
    for key, value in after.items():
        if key in before and before[key] == value:
            continue
        if key in before and isinstance(value, dict) and isinstance(before[key], dict):
            _edit_object(text, node.members[key], before[key], value, edits)
        elif key in node.members:
            child = node.members[key]
            edits.append((child.start, child.end, _compact(value)))
        else:
            last = max(node.members.values(), key=lambda c: c.end, default=None)
            at = last.end if last is not None else node.start + 1
            sep = ", " if last is not None else ""
            edits.append((at, at, f"{sep}{_compact(key)}: {_compact(value)}"))
    for key in before:
        if key not in after:
            child = node.members[key]
            edits.append((_key_start(text, child.start), child.end, ""))


def _key_start(text: str, value_start: int) -> int:
    """Where the ``"key": value`` member, and the comma before it, begins."""
    i = text.rindex(":", 0, value_start)
    i = text.rindex('"', 0, i)
    i = text.rindex('"', 0, i)
    j = i
    while j > 0 and text[j - 1] in _WS:
        j -= 1
    return j - 1 if j > 0 and text[j - 1] == "," else i


def _cut(text: str, array: Node, n: int) -> tuple[int, int, str]:
    node = array.items[n]
    if n + 1 < len(array.items):
        return node.start, array.items[n + 1].start, ""
    if n > 0:
        return array.items[n - 1].end, node.end, ""
    return node.start, node.end, ""


def _append(text: str, array: Node, items: list[Any]) -> tuple[int, int, str]:
    if not array.items:
        return array.start + 1, array.start + 1, ", ".join(_compact(i) for i in items)
    last = array.items[-1]
    between = text[array.items[-2].end if len(array.items) > 1 else array.start + 1 : last.start]
    glue = ",\n" + between[between.rfind("\n") + 1 :] if "\n" in between else ", "
    return last.end, last.end, "".join(glue + _compact(i) for i in items)
