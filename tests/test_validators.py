"""Outputs checked by independent validators: GDAL's own GeoPackage validator and a strict HTML5 parser."""
from __future__ import annotations

import subprocess
from pathlib import Path

import html5lib

from geostory.qgis import export_qgis
from geostory.story import Story
from geostory.webmap import render_html

from conftest import need

VALIDATE_GPKG = [Path("/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"),
                 Path("/usr/share/doc/python3-gdal/examples/validate_gpkg.py")]


def test_the_geopackage_passes_gdals_validator(harbin: Story, tmp_path: Path) -> None:
    script = next((p for p in VALIDATE_GPKG if p.is_file()), None)
    need("validate_gpkg.py (Debian package python3-gdal)", script)
    assert script is not None
    gpkg = next(p for p in export_qgis(harbin, tmp_path / "qgis") if p.suffix == ".gpkg")
    run = subprocess.run(["/usr/bin/python3", str(script), "-k", str(gpkg)], capture_output=True, text=True,
                         timeout=300)
    assert (run.returncode, run.stdout + run.stderr) == (0, "")


def test_the_page_parses_as_strict_html5(harbin: Story) -> None:
    page = render_html(harbin)
    parser = html5lib.HTMLParser(strict=True)
    document = parser.parse(page)  # raises on the first parse error
    assert parser.errors == []
    assert document.get("lang") == "en"
    assert document.find("{http://www.w3.org/1999/xhtml}body") is not None
