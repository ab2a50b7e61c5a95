"""QGIS outputs written without QGIS: a styled GeoPackage, a project file and .qml styles.

The GeoPackage is written by GDAL (pyogrio); the .qgs project and .qml styles are XML rendered from Jinja2
templates in ``qgis/templates/``. Real QGIS is needed only to verify them (see tests/test_qgis.py).
"""
from __future__ import annotations

from pathlib import Path

from ..geometry import arrows as story_arrows
from ..output import atomic_folder, write_atomic, write_output_file
from ..relief import Relief, geotiff, relief
from ..story import Story
from .extents import frame_views, story_extent
from .gpkg import write_gpkg
from .project import project_xml
from .qml import layer_styles, style_qml

QML_SIGNATURE = b"<!-- Written by `geostory styles`"
"""In every .qml geostory writes (qgis-style.qml.j2); a .qml without it, made in QGIS say, is never replaced."""

__all__ = ["export_qgis", "geojson_styles", "write_layer_styles"]


def export_qgis(story: Story, folder: Path, force: bool = False) -> list[Path]:
    """Write ``<id>.gpkg``, ``<id>.qgs`` and the relief ``<id>-relief.tif`` (EPSG:3857) into ``folder``
    (replaced all at once); return their paths.

    A package whose story layers were edited since it was written is refused unless ``force``.
    """
    from ..roundtrip.package import record, refuse_edited

    folder = Path(folder)
    names = [f"{story.meta.id}.gpkg", f"{story.meta.id}.qgs", f"{story.meta.id}-relief.tif"]
    refuse_edited(folder / names[0], force)
    shaded = story_relief(story)
    with atomic_folder(folder, story_root=story.root) as tmp:
        write_gpkg(story, tmp / names[0])
        record(tmp / names[0], story.meta.id)
        write_atomic(tmp / names[2], geotiff(shaded))
        write_atomic(tmp / names[1], project_xml(story, names[0], shaded, names[2]))
    return [folder / name for name in names]


def story_relief(story: Story) -> Relief:
    """The offline relief under the whole story: every feature, arrow and frame view, with a margin."""
    views = frame_views(story)
    return relief(story_extent(story, story_arrows(story), views))


def geojson_styles(story: Story) -> dict[str, str]:
    """The .qml text for each GeoJSON layer of the story, keyed by layer name."""
    return {name: style_qml(style) for name, style in layer_styles(story, for_geojson=True).items()
            if name in story.layers}


def write_layer_styles(story: Story) -> list[Path]:
    """Write ``<layer>.qml`` beside each ``<layer>.geojson`` so QGIS styles the layer when it is opened."""
    return [write_output_file(story.root / f"{name}.qml", text, signature=QML_SIGNATURE)
            for name, text in geojson_styles(story).items()]
