"""Python's cycle collector, paced for geostory's work: a story becomes a large model of long-lived objects
that hold no cycles, which the collector's default pace scans again and again."""
from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

COLLECT_EVERY = 100_000
"""New objects between two passes of the cycle collector while geostory works (Python's default: 700)."""

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def fewer_collections() -> Iterator[None]:
    """The cycle collector less often inside, as before after.

    At N=10,000 a story is a million parsed JSON values, their models, shapes and the page's payload; at its
    default pace the collector scanned them again and again, about 15% of a whole ``build``'s CPU time, and
    more inside a large process such as a notebook's. A pass every 100,000 new objects (mypy does the same)
    costs almost nothing, and the peak memory stays the same."""
    before = gc.get_threshold()
    gc.set_threshold(max(COLLECT_EVERY, before[0]), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def paced(func: Callable[P, R]) -> Callable[P, R]:
    """``func`` run inside ``fewer_collections``: for the API's heavy calls, whoever calls them."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with fewer_collections():
            return func(*args, **kwargs)

    return wrapper
