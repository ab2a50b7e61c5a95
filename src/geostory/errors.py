"""Problems found in a story folder, reported so that an author can act on each one."""
from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass

_UNPRINTABLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input: where it is, what was expected and found, and what to do."""

    file: str
    feature: str | None
    field: str | None
    expected: str
    found: str
    hint: str | None = None
    sheet: str | None = None
    """In a workbook: the sheet's name. With ``row`` and ``column``, as a spreadsheet user counts them."""
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet is not None:
            where.append(f"sheet {self.sheet!r}")
        frames = self.file.endswith(("frames.json", "frames.csv")) or self.file.rsplit("/", 1)[-1].startswith("frames.")
        noun = "frame" if frames or self.sheet == "frames" else "feature"
        if self.row is not None:
            where.append(f"row {self.row}" + (f" ({noun} {self.feature!r})" if self.feature is not None else ""))
        elif self.feature is not None:
            where.append(f"{noun} {self.feature!r}")
        if self.column is not None:
            where.append(f"column {self.column}")
        elif self.field is not None:
            where.append(f"field {self.field!r}")
        line = f"{': '.join(where)}: expected {self.expected}, found {self.found}"
        return printable(f"{line}; {self.hint}" if self.hint else line)


class StoryError(Exception):
    """Raised when a story folder cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.sheet or "", p.row or 0, p.feature or "",
                                                          p.field or "", p.column or "", p.expected))
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(Exception):
    """A request the user can fix (an output path that is not ours to replace, say): one line, exit 2."""


def shorten(value: object, limit: int = 60) -> str:
    """A value as it should appear in a one-line message: as JSON where it is JSON, which authors write."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def printable(text: str) -> str:
    """``text`` safe to print as one terminal line: control, bidi-override and surrogate characters escaped.

    A story's text may hold U+202E (right-to-left override) or an escape sequence; echoed raw, it would
    reorder or recolour the terminal line, so the author could not read what is wrong.
    """
    out = []
    for ch in text:
        if unicodedata.category(ch) in _UNPRINTABLE:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    return "".join(out)
