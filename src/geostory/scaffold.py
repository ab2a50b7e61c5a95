"""``geostory new``: start a story folder from a small, valid example that builds."""
from __future__ import annotations

import json
import re
import shutil
from importlib import resources
from pathlib import Path

from .errors import UsageError
from .output import atomic_folder, write_atomic


def slug(text: str) -> str:
    """A story id from a folder name: lower-case words joined by '-'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "story"


STARTER_WORDS = ("title_zh", "subtitle", "summary", "credits")
"""The starter's words about itself, which a new title makes wrong: replaced or removed with --title."""


def _retitle(meta: dict[str, object], title: str) -> None:
    """The story's own words follow the new title; nothing of the starter's identity is left to correct."""
    meta["title"] = title
    for key in STARTER_WORDS:
        meta.pop(key, None)
    meta["summary"] = f"{title}: write here, in your own words, what the story is about and why it matters."
    meta["credits"] = "Narrative: the story's authors."


def create_story(folder: Path, title: str | None = None, form: str = "geojson") -> Path:
    """Copy the example story into a new folder, with the folder's name as its id.

    ``form`` "csv" or "xlsx" keeps places, events, movements and frames in CSV files or one workbook.
    """
    folder = Path(folder)
    if folder.exists():
        raise UsageError(f"{folder} already exists; choose a new folder name")
    template = resources.files(__package__).joinpath("starter_story")
    with atomic_folder(folder, mark=False) as tmp:
        for item in template.iterdir():
            if item.name.endswith((".json", ".geojson")):
                shutil.copyfile(str(item), tmp / item.name)
        meta_path = tmp / "story.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        meta["id"] = slug(folder.name)
        if title:
            _retitle(meta, title)
        write_atomic(meta_path, json.dumps(meta, ensure_ascii=False, indent=2) + "\n")
        if form != "geojson":
            from .convert import change_form

            change_form(tmp, "csv" if form == "csv" else "xlsx")
    return folder
