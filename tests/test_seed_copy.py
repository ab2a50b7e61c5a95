"""The Harbin story is self-contained: its seed copy inside geodata/ is the original, byte for byte."""
from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

from geostory.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_the_story_copy_of_the_seed_is_the_original() -> None:
    original = (ROOT / "seeds" / "defense-of-harbin.txt").read_bytes()
    copy = (ROOT / "geodata" / "defense-of-harbin.txt").read_bytes()
    assert copy == original, "geodata/defense-of-harbin.txt drifted from seeds/defense-of-harbin.txt"
    documented = re.search(r"SHA-256 `([0-9a-f]{64})`", (ROOT / "seeds" / "README.md").read_text(encoding="utf-8"))
    assert documented and hashlib.sha256(original).hexdigest() == documented.group(1)


def test_geodata_alone_builds_elsewhere(tmp_path: Path, capsys: object) -> None:
    story = tmp_path / "harbin"
    shutil.copytree(ROOT / "geodata", story)
    assert main(["check", str(story)]) == 0
