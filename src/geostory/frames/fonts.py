"""The fonts of the frame pictures: Noto Sans CJK where the story has Chinese (or other CJK) text.

All text is drawn with a font *family list*. When a CJK font is found it comes first (one consistent face
for English and Chinese), with matplotlib's own DejaVu Sans as fallback for any symbol it lacks. A CJK font
is *required* only when the story's text contains CJK characters; a story without any is drawn with DejaVu
Sans alone if no CJK font is installed.

Where to look: by default, the fonts matplotlib already knows, then what fontconfig's ``fc-match`` answers,
then the usual Debian/Fedora paths (``KNOWN_FILES``). The environment variable ``GEOSTORY_FONT_PATH`` (font
files or folders, separated by ``os.pathsep``), or the ``search`` argument of ``cjk_font``, replaces all of
that with exactly the paths given; an empty folder there means "no CJK font installed".
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from matplotlib import font_manager
from PIL import ImageFont

from ..errors import UsageError

PACKAGE = "fonts-noto-cjk"
FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK TC", "Noto Sans CJK JP", "Noto Sans CJK KR")
"""Simplified Chinese first: the same .ttc holds every region, and SC picks the mainland glyph forms."""
KNOWN_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
)
ENV = "GEOSTORY_FONT_PATH"
LATIN_FAMILY = "DejaVu Sans"
FONT_SUFFIXES = (".ttc", ".otf", ".ttf")
CJK = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]")
"""CJK radicals, punctuation, kana, Bopomofo, ideographs (with extensions), Hangul and full-width forms."""


class FontMissing(UsageError):
    """No CJK font could be found for a story that needs one; the message names the package to install."""


@dataclass(frozen=True)
class Font:
    """A font face: matplotlib family name, file, and face index inside a collection (.ttc)."""

    family: str
    path: Path
    index: int = 0


def has_cjk(texts: Iterable[str]) -> bool:
    return any(CJK.search(t) for t in texts)


def _search_paths(search: Sequence[str | Path] | None) -> tuple[Path, ...] | None:
    if search is None and os.environ.get(ENV) is not None:
        search = [p for p in os.environ[ENV].split(os.pathsep) if p]
    return None if search is None else tuple(Path(p) for p in search)


def cjk_font(search: Sequence[str | Path] | None = None) -> Font:
    """The CJK font to use, registered with matplotlib; raise FontMissing if there is none.

    ``search``: font files or folders to look in instead of the defaults (see the module docstring).
    """
    return _find(_search_paths(search))


@lru_cache(maxsize=8)
def _find(search: tuple[Path, ...] | None) -> Font:
    if search is None:
        found = _registered()
        if found:
            return found
        candidates = list(_fontconfig()) + [Path(p) for p in KNOWN_FILES]
    else:
        candidates = list(_files_in(search))
    for path in dict.fromkeys(p for p in candidates if p.is_file()):
        try:
            font_manager.fontManager.addfont(str(path))
        except (OSError, RuntimeError, ValueError):  # unreadable or not a font file
            continue
        found = _registered(path)
        if found:
            return found
    where = ", ".join(str(p) for p in search) if search is not None else "matplotlib, fontconfig and " + KNOWN_FILES[0]
    raise FontMissing(
        f"no CJK font for the story's Chinese text (looked for {FAMILIES[0]} in {where}); "
        f"install the Debian package {PACKAGE} (apt-get install {PACKAGE}) or any Noto Sans CJK font"
    )


def _registered(path: Path | None = None) -> Font | None:
    """A CJK face matplotlib knows (only from ``path`` if given); regular weight preferred."""
    entries = [f for f in font_manager.fontManager.ttflist
               if f.name in FAMILIES and (path is None or Path(f.fname) == path)]
    for family in FAMILIES:
        faces = sorted((f for f in entries if f.name == family),
                       key=lambda f: (str(f.weight) not in ("400", "normal", "regular"), f.fname))
        if faces:
            return Font(family, Path(faces[0].fname), int(getattr(faces[0], "index", 0) or 0))
    return None


def _files_in(search: Iterable[Path]) -> Iterator[Path]:
    """Font files named in ``search``, and the CJK-looking font files inside the folders it names."""
    for p in search:
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.suffix.lower() in FONT_SUFFIXES and "cjk" in f.name.lower())
        else:
            yield p


def _fontconfig() -> list[Path]:
    """What fontconfig answers for each family, trusted only when the file looks like a CJK font
    (fc-match always answers with *some* font)."""
    fc_match = shutil.which("fc-match")
    paths: list[Path] = []
    if fc_match is None:
        return paths
    for family in FAMILIES:
        try:
            out = subprocess.run([fc_match, "-f", "%{file}", f"{family}:lang=zh-cn"], capture_output=True,
                                 text=True, timeout=10, check=False).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            break
        if out and "cjk" in Path(out).name.lower():
            paths.append(Path(out))
    return paths


def latin_font() -> Font:
    """DejaVu Sans, which matplotlib ships, so it is always there."""
    path = font_manager.findfont(font_manager.FontProperties(family=LATIN_FAMILY), fallback_to_default=False)
    return Font(LATIN_FAMILY, Path(path))


def text_font(texts: Iterable[str], search: Sequence[str | Path] | None = None) -> Font:
    """The main face for a story whose text is ``texts``: the CJK font if there is one; else DejaVu Sans,
    unless the text has CJK characters, which DejaVu Sans cannot draw (then FontMissing)."""
    try:
        return cjk_font(search)
    except FontMissing:
        if has_cjk(texts):
            raise
        return latin_font()


def families(main: Font) -> list[str]:
    """The font family list for all text: Noto Sans CJK draws both scripts (its Latin is compact and legible
    at small sizes); DejaVu Sans, bundled with matplotlib, catches any symbol it lacks."""
    return list(dict.fromkeys([main.family, LATIN_FAMILY]))


def pil_font(font: Font, size: int) -> ImageFont.FreeTypeFont:
    """A Pillow font for the contact sheet, from the same face as the pictures."""
    return ImageFont.truetype(str(font.path), size=size, index=font.index)
