"""Small test stories for the handout and KML tests: the scaffold story without Chinese, and with hostile text."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from geostory.cli import main

CJK = re.compile("[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
HOSTILE = "Fire & <b>smoke</b> </p><script>alert('x')</script> ]]> \"quoted\" 'single' $5 \\frac{1}{2} ¶ — 100% #"


def _strip_cjk(value: Any) -> Any:
    """Drop every string field that holds CJK text (name_zh, title_zh, label_zh)."""
    if isinstance(value, dict):
        return {k: _strip_cjk(v) for k, v in value.items() if not (isinstance(v, str) and CJK.search(v))}
    if isinstance(value, list):
        return [_strip_cjk(v) for v in value]
    return value


def plain_story(root: Path, hostile: bool = False) -> Path:
    """The `geostory new` story with no Chinese text; with ``hostile``, markup and quotes in its texts."""
    folder = root / ("hostile" if hostile else "plain")
    if folder.is_dir():
        return folder
    assert main(["new", str(folder), "--title", "Waterloo, June 1815"]) == 0
    for path in folder.iterdir():
        if path.suffix in (".json", ".geojson"):
            data = _strip_cjk(json.loads(path.read_text(encoding="utf-8")))
            if path.name == "frames.json":
                data["frames"][1]["questions"] = ["Why did Wellington fall back after Quatre Bras?",
                                                  "What did the Prussians gain by keeping in touch?"]
                if hostile:
                    data["frames"][0]["narrative"] += " " + HOSTILE
                    data["frames"][0]["title"] += " <i>&amp;</i>"
                    data["frames"][1]["questions"].append(HOSTILE)
            if hostile and path.name == "events.geojson":
                for f in data["features"]:
                    f["properties"]["narrative"] += " " + HOSTILE
                    f["properties"]["name_en"] += " <&>"
            if hostile and path.name == "story.json":
                data["summary"] += " " + HOSTILE
                for work in data.get("sources", {}).values():
                    work["url"] = "javascript:alert(1)"
            path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return folder
