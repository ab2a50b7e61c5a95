"""The relief under a frame picture: resampled by Pillow straight to the map's pixels.

matplotlib's ``imshow`` would convert the image to floats, check and copy it, resample it and convert it back
for every frame: at 10,000 features a tenth of a frame's drawing. ``Relief`` is the same image artist
(extent, zorder, clipped by the map frame) whose pixels come from one bilinear affine resampling in Pillow,
mapped as matplotlib maps them: output pixel centres, through the map's transform, onto the image.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.image import AxesImage
from matplotlib.transforms import Bbox, TransformedBbox
from PIL import Image

Extent = tuple[float, float, float, float]


class Relief(AxesImage):
    """An RGBA ``source`` image over ``extent`` (x0, y0, x1, y1, in data units), rows from the north."""

    def __init__(self, ax: Axes, source: Image.Image, extent: Extent, **kwargs: Any) -> None:
        super().__init__(ax, origin="upper", interpolation="bilinear", **kwargs)
        self.source = source
        x0, y0, x1, y1 = extent
        self.set_data(np.zeros((1, 1, 4), dtype=np.uint8))  # a stand-in: the pixels come from ``source``
        self.set_extent((x0, x1, y0, y1))

    def make_image(self, renderer: Any, magnification: float = 1.0,
                   unsampled: bool = False) -> tuple[Any, float, float, Any]:
        """The pixels where the image meets the map frame, rounded to whole pixels as matplotlib rounds them
        (uint8 RGBA, bottom row first, as the renderer takes them), and their lower left corner; None where
        the image is not in the frame (as matplotlib returns it; the transform is not used when drawing)."""
        assert self.axes is not None
        x0, x1, y0, y1 = self.get_extent()
        shown = Bbox.intersection(TransformedBbox(Bbox([[x0, y0], [x1, y1]]), self.get_transform()),
                                  self.get_clip_box() or self.axes.bbox)
        if shown is None:
            return None, 0, 0, None
        left, right = math.floor(shown.x0 + 0.5), math.floor(shown.x1 + 0.5 + 1e-8)
        bottom, top = math.ceil(shown.y0 - 0.5 - 1e-8), math.ceil(shown.y1 - 0.5)
        if right <= left or top <= bottom:
            return None, 0, 0, None
        w, h = self.source.size
        out_to_display = np.array([[1.0, 0.0, left], [0.0, -1.0, top], [0.0, 0.0, 1.0]])  # rows run down
        display_to_data = self.get_transform().inverted().get_matrix()
        data_to_source = np.array([[w / (x1 - x0), 0.0, -x0 * w / (x1 - x0)],
                                   [0.0, -h / (y1 - y0), y1 * h / (y1 - y0)], [0.0, 0.0, 1.0]])
        m = data_to_source @ display_to_data @ out_to_display
        out = self.source.transform((right - left, top - bottom), Image.Transform.AFFINE, tuple(m[:2].ravel()),
                                    resample=Image.Resampling.BILINEAR)
        return np.ascontiguousarray(np.asarray(out)[::-1]), left, bottom, None


def draw_relief(ax: Axes, source: Image.Image | None, extent: Extent, z: float) -> None:
    """The offline relief under everything, smoothed, clipped by the map frame."""
    if source is None:
        return
    image = Relief(ax, source, extent, zorder=z)
    image.set_clip_path(ax.patch)
    ax.add_image(image)
