"""Progress on stderr for the commands that can take more than a couple of seconds.

A tqdm bar when stderr is a terminal; nothing at all otherwise, so logs, pipes and tests see only the
command's own lines. Two shapes: ``progress(items)`` for a loop over known items, and ``stages(...)`` for
a command made of a few named steps of unequal length (read, derive, draw, write).

    for frame in progress(story.frames, desc="frames", unit="frame"): ...

    with stages("build", ["read", "derive", "page", "write"]) as step:
        story = load_story(folder)
        step()          # "derive" is now shown as running
        ...
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

from tqdm import tqdm

T = TypeVar("T")


def shown() -> bool:
    """Whether bars are drawn: only on a terminal (``GEOSTORY_PROGRESS`` is not consulted; pipes stay clean)."""
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stderr
        return False


def progress(items: Iterable[T], *, desc: str, unit: str = "it", total: int | None = None) -> Iterator[T]:
    """``items``, with a bar on stderr when it is a terminal; the bar goes away when the loop ends."""
    yield from tqdm(items, desc=desc, unit=unit, total=total, file=sys.stderr, disable=not shown(),
                    leave=False, dynamic_ncols=True)


@contextmanager
def stages(desc: str, names: Sequence[str]) -> Iterator[Callable[[], None]]:
    """A bar over named stages; call the yielded function when a stage ends (the next name is then shown)."""
    bar = tqdm(total=len(names), desc=desc, unit="step", file=sys.stderr, disable=not shown(), leave=False,
               dynamic_ncols=True, bar_format="{desc}: {n_fmt}/{total_fmt} {postfix} [{elapsed}]")
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        bar.update(1)
        if done < len(names):
            bar.set_postfix_str(names[done], refresh=True)

    try:
        if names:
            bar.set_postfix_str(names[0], refresh=True)
        yield step
    finally:
        bar.close()
