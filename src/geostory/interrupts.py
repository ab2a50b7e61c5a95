"""Ctrl-C (SIGINT) and SIGTERM as an exception, so every ``finally`` cleans up and the user sees one line.

Python turns SIGINT into a KeyboardInterrupt with a traceback and lets SIGTERM kill the process where it
stands, leaving temporary folders behind. Inside ``signals_as_exceptions()`` both raise ``Interrupted``
(a BaseException, so no ``except Exception`` swallows it); a second signal during the clean-up is ignored
so the clean-up finishes.
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):
    """The run was asked to stop by a signal; ``exit_code`` is the shell's 128 + signal number."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        self.name = signal.Signals(signum).name
        self.exit_code = 128 + signum
        super().__init__(self.name)


@contextmanager
def signals_as_exceptions() -> Iterator[None]:
    """Within the block, SIGINT and SIGTERM raise Interrupted once; the old handlers come back after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def handler(signum: int, frame: FrameType | None) -> None:
        if received:  # already stopping: let the clean-up finish
            return
        received.append(signum)
        raise Interrupted(signum)

    previous = {s: signal.signal(s, handler) for s in SIGNALS}
    try:
        yield
    finally:
        for s, old in previous.items():
            signal.signal(s, old)
