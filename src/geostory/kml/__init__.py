"""Google Earth: the story as a KMZ whose time slider steps through the campaign, with a frame-by-frame tour.

``render_kml(story)`` gives the KML document (fastkml, plus the tour), ``build_kmz(story, path)`` writes it
with its icons as a KMZ, all or nothing, with fixed zip timestamps so the same story gives the same bytes.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from fastkml import kml
from lxml import etree  # type: ignore[import-untyped]

from ..output import write_output_file
from ..story import Story
from .document import Builder
from .look import dot_icons
from .tour import GX, add_tour

__all__ = ["build_kmz", "is_our_kmz", "render_kml", "render_kmz"]

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""The earliest time a zip entry can carry: no clock time in the file."""
COMMENT = b"geostory kmz"
"""The archive's comment: how a later run knows a KMZ at the output path is one geostory wrote."""


def render_kml(story: Story) -> bytes:
    """The KML document as UTF-8 bytes with an XML declaration."""
    builder = Builder(story)
    root: Any = kml.KML(features=[builder.document()]).etree_element()
    document = root[0]
    add_tour(document, story, builder)
    etree.cleanup_namespaces(root, top_nsmap={"gx": GX})  # xmlns:gx declared once, on <kml>
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return out


def render_kmz(story: Story) -> bytes:
    """The KMZ: ``doc.kml`` first (Google Earth opens the first KML), then the icons it uses."""
    files = {"doc.kml": render_kml(story), **dot_icons()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, payload in files.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, payload)
        archive.comment = COMMENT
    return buffer.getvalue()


def is_our_kmz(path: Path) -> bool:
    """Whether the file at ``path`` is a KMZ geostory wrote (its archive comment)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.comment == COMMENT
    except (zipfile.BadZipFile, OSError):
        return False


def build_kmz(story: Story, output: str | Path) -> Path:
    """Write the KMZ to ``output`` (all or nothing, replacing only a KMZ geostory wrote); return its path."""
    return write_output_file(Path(output), render_kmz(story), story_root=story.root, ours=is_our_kmz)
