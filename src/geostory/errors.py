"""Problems found in a story folder, reported so that an author can act on each one."""
from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input: where it is, what was expected and what was found."""

    file: str
    feature: str | None
    field: str | None
    expected: str
    found: str

    def __str__(self) -> str:
        where = [self.file]
        if self.feature is not None:
            noun = "frame" if self.file.endswith("frames.json") else "feature"
            where.append(f"{noun} {self.feature!r}")
        if self.field is not None:
            where.append(f"field {self.field!r}")
        return f"{': '.join(where)}: expected {self.expected}, found {self.found}"


class StoryError(Exception):
    """Raised when a story folder cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.feature or "", p.field or "", p.expected))
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(Exception):
    """A request the user can fix (an output path that is not ours to replace, say): one line, exit 2."""


def shorten(value: object, limit: int = 60) -> str:
    """A value as it should appear in a one-line message: as JSON where it is JSON, which authors write."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
