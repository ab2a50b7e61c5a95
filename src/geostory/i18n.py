"""The interface's words, one message catalogue per language (``locales/<lang>.json``), English and Chinese.

Every word an output shows that the story author did not write (buttons, legend, badges, "Correction",
"Sources", date wording and month names) comes from here, so the web map, QGIS and the pictures say the same
thing in the same language. A story may reword any message for its readers in ``story.json`` ``words``
(``{"en": {"seed_says": "The textbook says ({source})"}}``); what it does not reword comes from the catalogue.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

LANGUAGES = ("en", "zh")
"""Languages with a catalogue; the first is the fallback for a message a catalogue lacks."""
HTML_LANG = {"en": "en", "zh": "zh-Hans"}
"""The BCP 47 tag of each language for HTML ``lang`` (Chinese is shipped in simplified characters)."""


@cache
def catalogue(lang: str) -> dict[str, Any]:
    """One language's messages as shipped, over English for any message it lacks."""
    if lang not in LANGUAGES:
        raise ValueError(f"a language with a catalogue ({', '.join(LANGUAGES)})")
    english = _read("en")
    return english if lang == "en" else {**english, **_read(lang)}


def _read(lang: str) -> dict[str, Any]:
    text = resources.files(__package__).joinpath("locales", f"{lang}.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@dataclass(frozen=True)
class Words:
    """The messages of one language with a story's own rewordings; call it with a key and the values to fill."""

    lang: str = "en"
    overrides: tuple[tuple[str, str], ...] = ()
    _messages: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_messages", {**catalogue(self.lang), **dict(self.overrides)})

    def __call__(self, key: str, **values: object) -> str:
        return str(self._messages[key]).format(**values)

    def raw(self, key: str) -> Any:
        """A message as stored (a list of month names, a table of seasons)."""
        return self._messages[key]

    def get(self, key: str, default: str) -> str:
        return str(self._messages.get(key, default))

    @property
    def html_lang(self) -> str:
        return HTML_LANG[self.lang]

    def page_messages(self) -> dict[str, str]:
        """The plain-text messages, for the page's script (lists and tables stay on the Python side)."""
        return {k: v for k, v in self._messages.items() if isinstance(v, str)}


ENGLISH = Words()


def words_for(lang: str, rewordings: Mapping[Any, Mapping[str, str]] | None = None) -> Words:
    """A language's words with a story's rewordings for it (``story.json`` ``words``)."""
    own = (rewordings or {}).get(lang, {})
    return Words(lang, tuple(sorted(own.items())))
