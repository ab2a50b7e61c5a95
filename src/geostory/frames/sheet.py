"""The contact sheet (every frame as a titled thumbnail in a grid) and the animated GIF, both with Pillow."""
from __future__ import annotations

import io
import math

from PIL import Image, ImageDraw, ImageFont

from ..story import Story
from ..wording import date_label
from . import fonts
from .panel import ACCENT, INK, MUTED

THUMB = (360, 326)  # the map part of a frame (its side panel is left out: the title is below)
GAP = 24
CAPTION_H = 46
HEADER_H = 78
GIF_SIZE = (960, 600)
GIF_MS = 2600
GIF_LAST_MS = 5000
SHEET_PNG_LEVEL = 3
"""zlib level of the contact sheet: over relief as small as the default 6 (a little smaller) in two thirds of
the time; it is encoded after the last frame, while nothing else runs."""


Box = tuple[float, float, float, float]
"""(left, bottom, width, height) as shares of a picture, as matplotlib places axes."""


def thumbnail(image: Image.Image, map_box: Box = (0, 0, 1, 1)) -> Image.Image:
    """A frame's map part (``map_box``: its share of the picture) reduced to a contact sheet thumbnail."""
    w, h = image.size
    left, bottom, width, height = map_box
    thumb = image.crop((round(left * w), round((1 - bottom - height) * h), round((left + width) * w) + 1,
                        round((1 - bottom) * h) + 1))
    thumb.thumbnail(THUMB, Image.Resampling.LANCZOS)
    return thumb


def contact_sheet(story: Story, thumbs: list[Image.Image], font: fonts.Font) -> bytes:
    """All frames as thumbnails (``thumbnail``), in story order, with number, date and title under each, in
    ``font``."""
    n = len(thumbs)
    cols = min(n, 3 if n <= 6 else 4)
    rows = math.ceil(n / cols)
    tw, th = THUMB
    width = GAP + cols * (tw + GAP)
    height = HEADER_H + rows * (th + CAPTION_H + GAP) + GAP
    sheet = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(sheet)
    title_font, sub_font = fonts.pil_font(font, 26), fonts.pil_font(font, 15)
    small, bold = fonts.pil_font(font, 13), fonts.pil_font(font, 15)
    title = story.meta.title + (f"  {story.meta.title_zh}" if story.meta.title_zh else "")
    draw.text((GAP, 18), title, font=title_font, fill=INK)
    draw.text((GAP, 52), story.meta.subtitle or f"{n} frames", font=sub_font, fill=MUTED)
    for i, (thumb, frame) in enumerate(zip(thumbs, story.frames, strict=True)):
        r, c = divmod(i, cols)
        x = GAP + c * (tw + GAP)
        y = HEADER_H + r * (th + CAPTION_H + GAP)
        sheet.paste(thumb, (x, y))
        draw.rectangle([x - 1, y - 1, x + thumb.width, y + thumb.height], outline="#c8c8c8")
        caption = f"{i + 1:02d} · {date_label(frame, story.words)}"
        draw.text((x, y + thumb.height + 6), caption, font=small, fill=ACCENT)
        draw.text((x, y + thumb.height + 24), _fit(draw, frame.title, bold, tw), font=bold, fill=INK)
    out = io.BytesIO()
    sheet.save(out, format="PNG", compress_level=SHEET_PNG_LEVEL)
    return out.getvalue()


def _fit(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def gif_frame(image: Image.Image) -> Image.Image:
    """One frame of the GIF: the picture reduced and given its own 255-colour palette (the costly part, so
    the frame pictures' workers do it beside each picture)."""
    image = image.resize(GIF_SIZE, Image.Resampling.LANCZOS)
    return image.quantize(colors=255, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)


def animated_gif(frames: list[Image.Image]) -> bytes:
    """The whole campaign, one ``gif_frame`` after another, looping; the last frame lingers."""
    durations = [GIF_MS] * (len(frames) - 1) + [GIF_LAST_MS]
    out = io.BytesIO()
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:], duration=durations, loop=0,
                   disposal=1, optimize=False)
    return out.getvalue()
