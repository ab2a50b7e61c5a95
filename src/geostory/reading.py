"""Reading a story folder's files, confined to the folder: the one way geostory opens a story's input.

A story folder may come from anyone (a download, a zip from a stranger), so every name it uses is resolved
after symbolic links and must stay inside the folder; only regular files are read, their size is checked
before a byte is read, and a refusal says what was expected and what was found, never the file's content.

``read_story_bytes(root, name)`` is the small API other readers (spreadsheets, say) build on;
``read_story_json`` adds strict JSON (UTF-8, no duplicate keys, no NaN, bounded nesting).
"""
from __future__ import annotations

import errno
import json
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import printable

MB = 1024 * 1024
JSON_LIMIT = 64 * MB
"""Largest story.json, frames.json or layer file read: far above any hand-made story, far below a memory problem."""
TEXT_LIMIT = 8 * MB
"""Largest seed text read (a long article is well under 1 MB)."""
MAX_DEPTH = 64
"""Deepest JSON nesting accepted; GeoJSON needs five or six levels."""
_BOM = b"\xef\xbb\xbf"


class Refused(Exception):
    """A story file that cannot be used as it is: what was expected, what was found, and what to do."""

    def __init__(self, expected: str, found: str, hint: str | None = None) -> None:
        super().__init__(f"expected {expected}, found {found}")
        self.expected = expected
        self.found = found
        self.hint = hint


def resolve_story_path(root: Path, name: str) -> Path:
    """The real path of ``name`` (relative to the story folder), refused unless it stays inside the folder."""
    if not isinstance(name, str) or not name or "\0" in name:
        raise Refused("a file name relative to the story folder", "an empty or unusable name")
    if Path(name).is_absolute():
        raise Refused("a file name relative to the story folder", "an absolute path",
                      "copy the file into the story folder and name it relative to it")
    real_root = Path(os.path.realpath(root))
    real = Path(os.path.realpath(real_root / name))
    if real != real_root and real_root not in real.parents:
        raise Refused("a file inside the story folder", "a path leading outside it",
                      "copy the file into the story folder and name it relative to it")
    return real


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _size(n: int) -> str:
    if n >= 1024 * MB:
        return f"{n / (1024 * MB):.1f} GB"
    return f"{n / MB:.3g} MB" if n >= MB else f"{n} bytes"


def read_story_bytes(root: Path, name: str, limit: int = JSON_LIMIT) -> bytes:
    """The bytes of the story file ``name``; raise Refused if it is outside the folder, not a file, or too big.

    The file is opened without following a final symbolic link (the path is already resolved) and without
    blocking (a named pipe is refused, not waited on), and its size is checked before reading.
    """
    real = resolve_story_path(root, name)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(real, flags)
    except FileNotFoundError:
        raise Refused("this file in the story folder", "no such file") from None
    except PermissionError:
        raise Refused("a file geostory may read", "no permission to read it") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Refused("a file inside the story folder", "a loop of symbolic links") from None
        raise Refused("a readable file", exc.strerror or "an unreadable file") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused("a regular file", _kind(info.st_mode))
        if info.st_size > limit:
            raise Refused(f"a file of at most {_size(limit)}", _size(info.st_size), "check that it is the right file")
        chunks: list[bytes] = []
        total = 0
        while chunk := os.read(fd, min(MB, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # the file grew while being read
                raise Refused(f"a file of at most {_size(limit)}", "a file still growing")
        return b"".join(chunks)
    except OSError as exc:
        raise Refused("a readable file", exc.strerror or "an unreadable file") from None
    finally:
        os.close(fd)


def decode_utf8(data: bytes) -> str:
    """UTF-8 text (a leading byte-order mark is dropped); raise Refused naming the first bad byte."""
    data = data.removeprefix(_BOM)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Refused("UTF-8 text", f"byte 0x{data[exc.start]:02x} at offset {exc.start}",
                      "save the file as UTF-8") from None


def read_story_text(root: Path, name: str, limit: int = TEXT_LIMIT) -> str:
    """A story file as UTF-8 text, read as ``read_story_bytes`` reads it."""
    return decode_utf8(read_story_bytes(root, name, limit))


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for key, value in pairs:
        if key in obj:
            raise _DuplicateKey(key)
        obj[key] = value
    return obj


def _no_constant(name: str) -> Any:
    raise Refused("numbers (JSON has no NaN or Infinity)", name)


def parse_json(text: str) -> Any:
    """Strict JSON: duplicate keys, NaN/Infinity and nesting deeper than MAX_DEPTH are refused."""
    try:
        value = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise Refused("valid JSON", f"{exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except _DuplicateKey as exc:
        raise Refused("each key once in an object", f"{printable(exc.key)!r} twice",
                      "keep one of the two values") from None
    except RecursionError:
        raise Refused(f"JSON nested at most {MAX_DEPTH} levels deep", "deeper nesting") from None
    except ValueError:  # an integer literal of thousands of digits
        raise Refused("valid JSON numbers", "a number too long to read") from None
    if depth(value) > MAX_DEPTH:
        raise Refused(f"JSON nested at most {MAX_DEPTH} levels deep", "deeper nesting")
    return value


def read_story_json(root: Path, name: str, limit: int = JSON_LIMIT) -> Any:
    """A story file parsed as strict JSON (see ``parse_json``)."""
    return parse_json(read_story_text(root, name, limit))


def depth(value: Any) -> int:
    """How deeply lists and objects nest in a parsed JSON value (a scalar is 0; counted up to MAX_DEPTH + 1),
    without recursion: one level at a time, each value looked at once."""
    deepest = 0
    level = [value]
    while deepest <= MAX_DEPTH:
        containers = [item for item in level if isinstance(item, (dict, list))]
        if not containers:
            break
        deepest += 1
        level = [child for item in containers for child in (item.values() if isinstance(item, dict) else item)]
    return deepest


Location = tuple[str | int, ...]


def bad_text(value: Any, source: str | None = None) -> Iterator[tuple[Location, str]]:
    """Each string (key or value) holding a character no text may hold, as (JSON location, what it holds).

    Lone surrogates cannot be written as UTF-8, and C0 control characters (other than tab and line breaks)
    and U+FFFE/U+FFFF are not allowed in XML, so the QGIS project would be invalid. ``source``: the JSON text
    ``value`` was parsed from; when that text can make none of these characters (``may_hold_bad_text``), no
    string is looked at.
    """
    if source is not None and not may_hold_bad_text(source):
        return
    stack: list[tuple[Any, Location]] = [(value, ())]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            problem = text_problem(item)
            if problem:
                yield where, problem
        elif isinstance(item, dict):
            for key, child in item.items():
                problem = text_problem(key)
                if problem:
                    yield (*where, key), f"{problem} in the key"
                stack.append((child, (*where, key)))
        elif isinstance(item, list):
            stack.extend((child, (*where, i)) for i, child in enumerate(item))


_BAD_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
"""The characters text_problem names, found by one regular-expression search rather than a Python loop
over every character of every string of a story (most of loading a large story)."""


_BAD_ESCAPE = re.compile(r"\\(?:[bf]|u(?:00[01]|007[fF]|[dD][89a-fA-F]|[fF]{3}[eEfF]))")
"""A JSON escape that can stand for one of those characters: \\b, \\f, \\u0000-\\u001f, \\u007f, a surrogate's
\\ud800-\\udfff, \\ufffe and \\uffff (and some harmless ones too, like \\u000a: then the strings are looked at)."""


def may_hold_bad_text(source: str) -> bool:
    """Whether JSON text can parse to a string with a character ``text_problem`` names.

    A parsed string's characters are the text's own (strict JSON has no raw C0 control character inside a
    string, and UTF-8 no lone surrogate) or come from escapes; so without such a character or such an escape
    in the whole text, none of its strings holds one. One search of the text instead of a walk of every key
    and value of a large story.
    """
    return _BAD_CHARACTER.search(source) is not None or ("\\" in source and _BAD_ESCAPE.search(source) is not None)


def text_problem(text: str) -> str | None:
    """What is wrong with a piece of story text, or None: a lone surrogate or a control character."""
    found = _BAD_CHARACTER.search(text)
    if found is None:
        return None
    code = ord(found.group())
    if 0xD800 <= code <= 0xDFFF:
        return f"a lone surrogate U+{code:04X}"
    return f"the control character U+{code:04X}"
