"""Frame pictures: one PNG per story frame, a contact sheet and an animated GIF, for slides and print.

``render_frames(story, folder)`` writes, all or nothing (``output.atomic_folder``):

- ``01-<frame id>.png`` … one 1600 × 1000 px (150 dpi) picture per frame, in story order;
- ``contact-sheet.png``, every frame as a titled thumbnail;
- ``<story id>.gif``, the campaign animated.

Pictures are drawn with matplotlib's Agg renderer through geopandas, offline, and saved without a version
stamp, so rebuilding the same story gives byte-identical files.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ..output import atomic_folder, default_output, write_atomic
from ..schema import Frame
from ..story import Story
from .fonts import FontMissing, cjk_font
from .render import DPI, MAP_BOX, SIZE_PX, FrameRenderer
from .sheet import animated_gif, contact_sheet
from .text import frame_filename

__all__ = ["DPI", "SIZE_PX", "FontMissing", "FrameRenderer", "cjk_font", "frame_filename", "render_frame",
           "render_frames"]

SHEET_NAME = "contact-sheet.png"


def render_frames(story: Story, folder: str | Path | None = None,
                  progress: Callable[[int, Path], None] | None = None,
                  font_search: Sequence[str | Path] | None = None) -> list[Path]:
    """Write every frame picture, the contact sheet and the GIF into ``folder``; return their paths.

    ``progress(done, path)`` is called after each frame picture (``done`` = 1 … number of frames), with the
    path the picture will have once the folder is in place. ``folder`` is replaced as a whole, so it must not
    hold anything but earlier frame pictures. ``font_search``: where to look for a CJK font instead of the
    defaults (``fonts.cjk_font``). Raises FontMissing (a UsageError) if the story has Chinese text and no CJK
    font is found.
    """
    folder = Path(folder) if folder is not None else default_output(story.meta.id, "frames")
    renderer = FrameRenderer(story, font_search=font_search)
    names, pngs = [], []
    with atomic_folder(folder, story_root=story.root) as tmp:
        for index, frame in enumerate(story.frames, start=1):
            name = frame_filename(index, frame)
            png = renderer.render(frame, index)
            (tmp / name).write_bytes(png)
            names.append(name)
            pngs.append(png)
            if progress is not None:
                progress(index, folder / name)
        (tmp / SHEET_NAME).write_bytes(contact_sheet(story, pngs, renderer.font, MAP_BOX))
        gif_name = f"{story.meta.id}.gif"
        (tmp / gif_name).write_bytes(animated_gif(pngs))
        names += [SHEET_NAME, gif_name]
    return [folder / name for name in names]


def render_frame(story: Story, frame: Frame | str, path: str | Path | None = None,
                 font_search: Sequence[str | Path] | None = None) -> bytes:
    """One frame picture as PNG bytes (by frame or frame id), also written to ``path`` if given."""
    if isinstance(frame, str):
        frame = story.frame(frame)
    index = next(i for i, fr in enumerate(story.frames, start=1) if fr.id == frame.id)
    png = FrameRenderer(story, font_search=font_search).render(frame, index)
    if path is not None:
        write_atomic(Path(path), png)
    return png
