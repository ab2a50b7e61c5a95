"""The offline relief: cut to a story, in Web Mercator, the same bytes each time, readable by GDAL."""
from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
from PIL import Image
from pyproj import Transformer

from geostory import relief

from conftest import need

HARBIN_BOUNDS = (120.56, 40.75, 133.13, 48.49)


def test_source_is_the_documented_world_image() -> None:
    world = relief.source()
    assert world.shape == (5400, 10800, 3)
    assert world.shape[1] == 360 * relief.PIXELS_PER_DEGREE


def test_cut_covers_the_story_with_margin_and_is_deterministic() -> None:
    a = relief.relief(HARBIN_BOUNDS)
    b = relief.relief(HARBIN_BOUNDS)
    assert a.data == b.data and relief.geotiff(a) == relief.geotiff(b)
    west, south, east, north = a.bounds
    assert west < HARBIN_BOUNDS[0] and south < HARBIN_BOUNDS[1] and east > HARBIN_BOUNDS[2] and north > HARBIN_BOUNDS[3]
    with Image.open(io.BytesIO(a.data)) as image:
        assert image.format == "JPEG" and image.size == (a.width, a.height)
    # square pixels in Web Mercator metres
    xmin, ymin, xmax, ymax = a.extent
    assert abs((xmax - xmin) / a.width - (ymax - ymin) / a.height) < 0.01
    assert len(a.data) < 120_000, "the page embeds it: keep it small"


def test_mercator_rows_follow_latitude() -> None:
    """Each pixel of the Mercator cut is the relief sampled at that pixel centre's longitude and latitude."""
    r = relief.relief(HARBIN_BOUNDS, fmt="PNG")
    with Image.open(io.BytesIO(r.data)) as image:
        pixels = np.asarray(image.convert("RGB"))
    xmin, ymin, xmax, ymax = r.extent
    to_geo = Transformer.from_crs("EPSG:3857", "EPSG:4326", always_xy=True)
    for row, col in ((0, 0), (r.height // 3, r.width // 2), (r.height - 1, r.width - 1)):
        x = xmin + (col + 0.5) * (xmax - xmin) / r.width
        y = ymax - (row + 0.5) * (ymax - ymin) / r.height
        lon, lat = to_geo.transform(x, y)
        expected = relief.sample(np.array([lon]), np.array([lat]))[0]
        assert np.abs(pixels[row, col].astype(int) - expected.astype(int)).max() <= 1


def test_sea_and_land_where_they_are() -> None:
    """The Sea of Japan off Vladivostok is bluer than the Manchurian plain at Harbin."""
    sea, land = relief.sample(np.array([133.5, 126.6]), np.array([41.5, 45.75])).astype(int)
    assert sea[2] - sea[0] > land[2] - land[0] + 5


def test_geotiff_read_back_by_gdal(tmp_path: Path) -> None:
    gdalinfo = shutil.which("gdalinfo")
    need("gdalinfo (Debian package gdal-bin)", gdalinfo)
    r = relief.relief(HARBIN_BOUNDS)
    path = tmp_path / "relief.tif"
    path.write_bytes(relief.geotiff(r))
    info = json.loads(subprocess.run([str(gdalinfo), "-json", str(path)], capture_output=True, text=True,
                                     check=True).stdout)
    assert info["size"] == [r.width, r.height]
    assert "3857" in json.dumps(info["coordinateSystem"]) or "Pseudo-Mercator" in info["coordinateSystem"]["wkt"]
    corners = info["cornerCoordinates"]
    assert np.allclose(corners["upperLeft"], [r.extent[0], r.extent[3]], atol=0.01)
    assert np.allclose(corners["lowerRight"], [r.extent[2], r.extent[1]], atol=0.01)
    assert [b["colorInterpretation"] for b in info["bands"]] == ["Red", "Green", "Blue"]


def test_warp_onto_a_projected_grid() -> None:
    """Any grid: a local conic as the frame pictures use, top row first."""
    crs = "+proj=lcc +lat_1=44 +lat_2=47 +lat_0=45.5 +lon_0=127 +datum=WGS84 +units=m +no_defs"
    rgb = relief.warp(crs, (-300_000, -200_000, 300_000, 200_000), 60, 40)
    assert rgb.shape == (40, 60, 3) and rgb.dtype == np.uint8
    assert len(np.unique(rgb.reshape(-1, 3), axis=0)) > 50, "terrain, not a flat fill"


def _pointwise(crs: str, extent: tuple[float, float, float, float], width: int, height: int) -> np.ndarray:
    """The reference: ``sample`` at every pixel centre of the grid, projected one by one."""
    xs = extent[0] + (np.arange(width) + 0.5) * (extent[2] - extent[0]) / width
    ys = extent[3] - (np.arange(height) + 0.5) * (extent[3] - extent[1]) / height
    gx, gy = np.meshgrid(xs, ys)
    lon, lat = Transformer.from_crs(crs, "EPSG:4326", always_xy=True).transform(gx, gy)
    return relief.sample(np.asarray(lon), np.asarray(lat)).astype(int)


def test_warp_matches_the_pointwise_relief_at_every_pixel() -> None:
    """The mesh warp is the same picture as sampling each pixel centre: within one level everywhere."""
    extent, width, height = relief.mercator_grid(relief.padded(HARBIN_BOUNDS, 0.5))
    fast = relief.warp("EPSG:3857", extent, width, height).astype(int)
    assert np.abs(fast - _pointwise("EPSG:3857", extent, width, height)).max() <= 1


def test_warp_across_the_antimeridian() -> None:
    """A Bering Strait story at 1.5 km pixels: the grid crosses 180° and the relief goes on beyond it."""
    crs = "+proj=lcc +lat_1=60 +lat_2=70 +lat_0=65 +lon_0=180 +datum=WGS84 +units=m +no_defs"
    extent = (-900_000.0, -600_000.0, 900_000.0, 600_000.0)
    assert np.abs(relief.warp(crs, extent, 1200, 800).astype(int) - _pointwise(crs, extent, 1200, 800)).max() <= 1


def test_a_northern_cut_decodes_only_the_rows_it_needs() -> None:
    """Decoding the world down to 60° latitude south of the pole gives exactly the full decoding's rows."""
    relief._decoded.clear()
    part = relief.source_image(1_800)
    assert part.size[1] < relief.SOURCE_ROWS, "only the northern rows are decoded"
    full = relief.source()
    assert np.array_equal(np.asarray(part)[:1_800], full[:1_800])


def test_warp_round_the_south_pole() -> None:
    """An Antarctic story's conic grid holds the pole, round which the longitude turns through 360° inside
    one mesh cell: the picture is still the pointwise relief (the mesh smeared a streak across it)."""
    crs = "+proj=lcc +lat_1=-85 +lat_2=-75 +lat_0=-80 +lon_0=0 +datum=WGS84 +units=m +no_defs"
    extent = (-1_500_000.0, -1_500_000.0, 1_500_000.0, 1_500_000.0)
    assert np.abs(relief.warp(crs, extent, 400, 400).astype(int) - _pointwise(crs, extent, 400, 400)).max() <= 1


def test_warp_of_the_world_on_a_tiny_grid() -> None:
    """One pixel for the whole world is the relief at its centre (0°, 0°), not at the antimeridian where the
    mesh corners, a whole turn apart, fell onto each other."""
    world = (-20037508.34, -19971868.88, 20037508.34, 19971868.88)
    for width, height in ((1, 1), (3, 2), (20, 20)):
        fast = relief.warp("EPSG:3857", world, width, height).astype(int)
        assert np.abs(fast - _pointwise("EPSG:3857", world, width, height)).max() <= 1


def test_a_story_round_the_world_gets_the_whole_world() -> None:
    """Bounds padded past ±180° stay one world wide, west of east (pyproj wrapped 234° W to 126° E: a
    one-pixel sliver of relief), and a cut past the antimeridian keeps its east beyond 180°."""
    r = relief.relief((-180.0, -80.0, 180.0, 80.0))
    assert (r.width, r.bounds[0], r.bounds[2]) == (relief.MAX_SIDE, -180.0, 180.0)
    bering = relief.relief((160.0, 50.0, 200.0, 70.0))
    west, _, east, _ = bering.bounds
    assert west < 160 and 200 < east < 215 and bering.extent[0] < bering.extent[2]


def test_a_story_beside_the_antimeridian_gets_its_relief() -> None:
    """Chukotka, 172-179.5° E: the margin reaches past 180°, which pyproj wrapped to 179° W, west of the
    story's west: the relief was one pixel wide."""
    r = relief.relief((172.0, 62.0, 179.5, 67.0))
    west, _, east, _ = r.bounds
    assert r.width > 400 and west < 172 and 180 < east < 181


def test_sample_in_the_last_column_of_the_world() -> None:
    """Samples between the world's last column and its first (179.983° E to 179.983° W), alone or with
    others west of them, are blended with column 0 as when the samples span the world (they raised: the
    window ended before column 0)."""
    lat = 66.0  # Chukotka, on land either side of 180°
    lons = [179.99, 179.995, -179.99]
    spread = relief.sample(np.array([*lons, 0.0]), np.full(4, lat))[:3]  # across the world: the whole width
    assert np.array_equal(relief.sample(np.array(lons), np.full(3, lat)), spread)
    assert np.array_equal(relief.sample(np.array([170.0, *lons]), np.full(4, lat))[1:], spread)
    for lon in lons:
        assert np.array_equal(relief.sample(np.array([lon]), np.array([lat])), spread[lons.index(lon)][None])
