"""Frame pictures: one PNG per story frame, a contact sheet and an animated GIF, for slides and print.

``render_frames(story, folder)`` writes, all or nothing (``output.atomic_folder``):

- ``01-<frame id>.png`` … one 1600 × 1000 px (150 dpi) picture per frame, in story order;
- ``contact-sheet.png``, every frame as a titled thumbnail;
- ``<story id>.gif``, the campaign animated.

Pictures are drawn with matplotlib's Agg renderer, offline, over the offline relief, in a pool of processes
(one per core) that share what was prepared once; each is saved without a version stamp, so rebuilding the
same story gives byte-identical files whichever process drew which frame.
"""
from __future__ import annotations

import gc
import multiprocessing as mp
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from PIL import Image

from ..output import atomic_folder, default_output, write_atomic
from ..schema import Frame
from ..story import Story
from .fonts import FontMissing, cjk_font
from .render import DPI, MAP_BOX, SIZE_PX, FrameRenderer, encode_png
from .sheet import animated_gif, contact_sheet, gif_frame, thumbnail
from .text import frame_filename

__all__ = ["DPI", "SIZE_PX", "FontMissing", "FrameRenderer", "cjk_font", "frame_filename", "render_frame",
           "render_frames"]

SHEET_NAME = "contact-sheet.png"


def render_frames(story: Story, folder: str | Path | None = None,
                  progress: Callable[[int, Path], None] | None = None,
                  font_search: Sequence[str | Path] | None = None, jobs: int | None = None) -> list[Path]:
    """Write every frame picture, the contact sheet and the GIF into ``folder``; return their paths.

    ``progress(done, path)`` is called after each frame picture (``done`` = 1 … number of frames), with the
    path the picture will have once the folder is in place. ``folder`` is replaced as a whole, so it must not
    hold anything but earlier frame pictures. ``font_search``: where to look for a CJK font instead of the
    defaults (``fonts.cjk_font``). ``jobs``: processes drawing frames at once (default: the machine's cores).
    Raises FontMissing (a UsageError) if the story has Chinese text and no CJK font is found.
    """
    folder = Path(folder) if folder is not None else default_output(story.meta.id, "frames")
    renderer = FrameRenderer(story, font_search=font_search)
    names: list[str] = []
    thumbs: list[Image.Image] = []
    gif_frames: list[Image.Image] = []
    with atomic_folder(folder, story_root=story.root) as tmp:
        drawn = pictures(renderer, jobs)
        for index, (frame, made) in enumerate(zip(story.frames, drawn, strict=True), start=1):
            gif_frames.append(made.gif)
            thumbs.append(made.thumb)
            name = frame_filename(index, frame)
            (tmp / name).write_bytes(made.png)
            names.append(name)
            if progress is not None:
                progress(index, folder / name)
        (tmp / SHEET_NAME).write_bytes(contact_sheet(story, thumbs, renderer.font))
        gif_name = f"{story.meta.id}.gif"
        (tmp / gif_name).write_bytes(animated_gif(gif_frames))
        names += [SHEET_NAME, gif_name]
    return [folder / name for name in names]


_RENDERER: FrameRenderer | None = None
"""The renderer a forked worker inherits: prepared once in the parent (projection, coordinates, relief)."""


def _quiet() -> None:
    """Workers leave Ctrl-C to the parent, which stops them and says so in one line; a SIGTERM (the parent
    ending the pool) ends a worker at once, whatever handler it inherited."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


class Made(NamedTuple):
    """What one frame gives the build: its PNG, its GIF frame and its contact sheet thumbnail."""

    png: bytes
    gif: Image.Image
    thumb: Image.Image


def _draw(index: int) -> Made:
    assert _RENDERER is not None
    return _made(_RENDERER, index)


def _made(renderer: FrameRenderer, index: int) -> Made:
    """A frame's PNG, GIF frame and thumbnail, made together in one worker from one drawing (the parent
    only writes and assembles them)."""
    image = renderer.picture(renderer.story.frames[index - 1], index)
    return Made(encode_png(image, renderer.dpi), gif_frame(image), thumbnail(image, MAP_BOX))


def cores() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def pictures(renderer: FrameRenderer, jobs: int | None = None) -> Iterator[Made]:
    """Every frame's PNG (GIF frame, thumbnail) in story order, drawn by ``jobs`` forked processes (default: the
    machine's cores).

    Each frame is drawn on its own from the shared prepared data, so the bytes do not depend on which
    process drew it or in what order. Where processes cannot be forked, or for a few frames, one process
    draws them all."""
    global _RENDERER
    frames = renderer.story.frames
    workers = min(jobs or cores(), len(frames))
    if workers < 2 or len(frames) < 3 or "fork" not in mp.get_all_start_methods():
        for index in range(1, len(frames) + 1):
            yield _made(renderer, index)
        return
    _RENDERER = renderer
    gc.freeze()  # the story and the prepared data, shared with the workers: their collections skip them
    try:
        pool = mp.get_context("fork").Pool(workers, initializer=_quiet)
    finally:
        gc.unfreeze()
    try:
        yield from pool.imap(_draw, range(1, len(frames) + 1))
        pool.close()
    except BaseException:  # an error, Ctrl-C or SIGTERM in the parent: no worker outlives it
        pool.terminate()
        raise
    finally:
        pool.join()
        _RENDERER = None


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
