"""Typesetting the handout with WeasyPrint: fonts, pictures served from memory, tags and fixed metadata.

WeasyPrint fetches nothing but what this module hands it (the frame pictures it rendered, the font files it
chose): any other address is refused, so a story can never make the handout read a file or the network.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib
import weasyprint  # type: ignore[import-untyped]
from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

from ..errors import UsageError
from ..frames.fonts import FontMissing, cjk_font, has_cjk

PAPERS = {"a4": "A4", "letter": "letter"}
"""--paper choices and their CSS page sizes."""
CSS_FILE = Path(__file__).with_name("handout.css")
LATIN_FILES = {("serif", "normal", "normal"): "DejaVuSerif.ttf", ("serif", "bold", "normal"): "DejaVuSerif-Bold.ttf",
               ("serif", "normal", "italic"): "DejaVuSerif-Italic.ttf",
               ("sans", "normal", "normal"): "DejaVuSans.ttf", ("sans", "bold", "normal"): "DejaVuSans-Bold.ttf"}
"""Latin faces from matplotlib's own copy of DejaVu, so the handout looks the same on every machine."""
CJK_FAMILY = "Noto Sans CJK SC"


@dataclass(frozen=True)
class Fonts:
    """The @font-face rules of one handout and the only font files WeasyPrint may read."""

    css: str
    files: frozenset[Path]


def fonts(texts: Iterable[str], font_search: list[str | Path] | None = None) -> Fonts:
    """DejaVu for Latin text; Noto Sans CJK only when the story has CJK text (FontMissing if none is found)."""
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    rules, files = [], set()
    for (family, weight, style), name in LATIN_FILES.items():
        path = folder / name
        files.add(path)
        rules.append(f'@font-face {{ font-family: "GS {family}"; font-weight: {weight}; font-style: {style}; '
                     f'src: url("{path.as_uri()}"); }}')
    if has_cjk(texts):
        font = cjk_font(font_search)  # raises FontMissing, naming the Debian package
        files.add(font.path)
        src = f'local("{CJK_FAMILY}"), url("{font.path.as_uri()}")' if font.family == CJK_FAMILY \
            else f'url("{font.path.as_uri()}")'
        rules.append(f'@font-face {{ font-family: "GS cjk"; src: {src}; }}')
    return Fonts("\n".join(rules) + "\n", frozenset(files))


class _Fetcher(weasyprint.URLFetcher):  # type: ignore[misc]
    """Serves the pictures from memory and the chosen font files; refuses every other address."""

    def __init__(self, pictures: Mapping[str, bytes], font_files: frozenset[Path]) -> None:
        super().__init__(allowed_protocols=())
        self.pictures = pictures
        self.fonts = {p.as_uri(): p for p in font_files}

    def fetch(self, url: str, headers: Any = None) -> Any:
        if url in self.pictures:
            return weasyprint.urls.URLFetcherResponse(url, self.pictures[url], {"Content-Type": "image/png"})
        if url in self.fonts:
            return weasyprint.urls.URLFetcherResponse(url, self.fonts[url].read_bytes(),
                                                      {"Content-Type": "font/sfnt"})
        raise ValueError(f"the handout fetches nothing else ({url})")


def source_date() -> str | None:
    """SOURCE_DATE_EPOCH as an ISO date-time, for reproducible builds that want a date; else no date at all."""
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if raw is None:
        return None
    try:
        when = dt.datetime.fromtimestamp(int(raw), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise UsageError(f"SOURCE_DATE_EPOCH: expected whole seconds since 1970, found {raw!r}") from None
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


ID_PREFIX = b"geostory handout "
"""The start of the permanent half of the PDF's file identifier (the trailer's /ID, never compressed): how a
later run knows a PDF at the output path is one geostory wrote and may be replaced."""


def is_our_pdf(path: Path) -> bool:
    """Whether the file at ``path`` is a handout geostory wrote (its /ID in the last kilobytes)."""
    with path.open("rb") as fh:
        if fh.read(5) != b"%PDF-":
            return False
        fh.seek(0, os.SEEK_END)
        fh.seek(max(fh.tell() - 4096, 0))
        return b"/ID [(" + ID_PREFIX in fh.read()


def typeset(html: str, pictures: Mapping[str, bytes], font_rules: Fonts, paper: str, story_id: str) -> bytes:
    """The PDF bytes: tagged (PDF/UA-1), fonts embedded and subset, the same bytes for the same input."""
    if paper not in PAPERS:
        raise UsageError(f"--paper: expected one of {', '.join(PAPERS)}, found {paper!r}")
    fetcher = _Fetcher(pictures, font_rules.files)
    config = FontConfiguration()
    sheets = [weasyprint.CSS(string=font_rules.css, font_config=config, url_fetcher=fetcher),
              weasyprint.CSS(filename=str(CSS_FILE), font_config=config, url_fetcher=fetcher),
              weasyprint.CSS(string=f"@page {{ size: {PAPERS[paper]}; }}", font_config=config)]
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # its warnings are about CSS it ignores, not input
    document = weasyprint.HTML(string=html, base_url="geostory:", url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(stylesheets=sheets, font_config=config, pdf_variant="pdf/ua-1",
                                    pdf_tags=True, pdf_identifier=ID_PREFIX + story_id.encode("ascii"))
    return pdf


__all__ = ["PAPERS", "FontMissing", "Fonts", "fonts", "is_our_pdf", "source_date", "typeset"]
