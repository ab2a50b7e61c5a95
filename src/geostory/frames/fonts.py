"""Find a CJK font for the Chinese place names and register it with matplotlib.

All text is drawn with a font *family list*: the CJK font first (one consistent face for English and Chinese),
matplotlib's own DejaVu Sans as fallback, so no character turns into an empty box.
"""
from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from matplotlib import font_manager

PACKAGE = "fonts-noto-cjk"
FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK TC", "Noto Sans CJK JP", "Noto Sans CJK KR")
"""Simplified Chinese first: the same .ttc holds every region, and SC picks the mainland glyph forms."""
KNOWN_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
)
LATIN_FAMILY = "DejaVu Sans"
PROBE = "哈尔滨"


class FontMissing(RuntimeError):
    """No CJK font could be found; the message names the package to install."""


@lru_cache(maxsize=1)
def cjk_font() -> tuple[str, Path]:
    """Return (family name, file) of a CJK font known to matplotlib, registering the file if needed."""
    found = _registered()
    if found:
        return found
    for path in _candidates():
        try:
            font_manager.fontManager.addfont(str(path))
        except (OSError, RuntimeError, ValueError):  # unreadable or not a font file
            continue
        found = _registered()
        if found:
            return found
    raise FontMissing(
        f"No CJK font found for the Chinese labels (looked for {', '.join(FAMILIES)} in matplotlib and fontconfig). "
        f"Install the Debian package {PACKAGE} (apt-get install {PACKAGE}) or any Noto Sans CJK font."
    )


def _registered() -> tuple[str, Path] | None:
    by_name = {f.name: f.fname for f in font_manager.fontManager.ttflist}
    for family in FAMILIES:
        if family in by_name:
            return family, Path(by_name[family])
    return None


def _candidates() -> list[Path]:
    """Font files that may hold a CJK face: what fontconfig says, then the usual Debian/Fedora paths."""
    paths: list[Path] = []
    fc_match = shutil.which("fc-match")
    if fc_match:
        for family in FAMILIES:
            try:
                out = subprocess.run([fc_match, "-f", "%{file}", f"{family}:lang=zh-cn"], capture_output=True,
                                     text=True, timeout=10, check=False).stdout.strip()
            except (OSError, subprocess.SubprocessError):
                break
            # fc-match always answers with *some* font; only trust it when the file looks like a CJK one.
            if out and "cjk" in Path(out).name.lower():
                paths.append(Path(out))
    paths += [Path(p) for p in KNOWN_FILES]
    seen: set[Path] = set()
    return [p for p in paths if p.is_file() and not (p in seen or seen.add(p))]


def families() -> list[str]:
    """The font family list for all text: Noto Sans CJK draws both scripts (its Latin is Source Sans, compact
    and legible at small sizes); DejaVu Sans, bundled with matplotlib, catches any symbol it lacks."""
    return [cjk_font()[0], LATIN_FAMILY]


def pil_font(size: int):
    """A Pillow font for the contact sheet that can draw both scripts (the CJK font has Latin glyphs too)."""
    from PIL import ImageFont

    family, path = cjk_font()
    index = _face_index(family, path)
    return ImageFont.truetype(str(path), size=size, index=index)


def _face_index(family: str, path: Path) -> int:
    for f in font_manager.fontManager.ttflist:
        if f.name == family and Path(f.fname) == path:
            return int(getattr(f, "index", 0) or 0)
    return 0
