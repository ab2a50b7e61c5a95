"""Ctrl-C (SIGINT) and SIGTERM as an exception, so every ``finally`` cleans up and the user sees one line.

Python turns SIGINT into a KeyboardInterrupt with a traceback and lets SIGTERM kill the process where it
stands, leaving temporary folders behind. Inside ``signals_as_exceptions()`` both raise ``Interrupted``
(a BaseException, so no ``except Exception`` swallows it); a second signal during the clean-up is ignored
so the clean-up finishes.

Raised inside an import of a C extension, the exception comes back as an ImportError (numpy, shapely), or a
library may wrap it in its own error; so the signal is also recorded (``Stop.signum``), and the caller
treats any error that follows a signal as the interruption it is. numpy even prints the traceback itself
(``import_array``), so from the signal on, Python's stderr is set aside until the caller prints its line.
"""
from __future__ import annotations

import io
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TextIO

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):
    """The run was asked to stop by a signal; ``exit_code`` is the shell's 128 + signal number."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        self.name = signal.Signals(signum).name
        self.exit_code = 128 + signum
        super().__init__(self.name)


class Stop:
    """Which signal asked the run to stop, if any."""

    signum: int | None = None
    finishing = False
    """Set once the run is only reporting how it ended: a signal then is noted, not raised."""

    _stderr: TextIO | None = None

    def interrupted(self) -> Interrupted | None:
        return Interrupted(self.signum) if self.signum is not None else None

    def mute(self) -> None:
        """Set stderr aside: what libraries print while the run unwinds is noise to the user."""
        if self._stderr is None:
            self._stderr = sys.stderr
            sys.stderr = io.StringIO()

    def unmute(self) -> None:
        if self._stderr is not None:
            sys.stderr = self._stderr
            self._stderr = None


@contextmanager
def signals_as_exceptions(stop: Stop | None = None) -> Iterator[Stop]:
    """Within the block, SIGINT and SIGTERM raise Interrupted once; the old handlers come back after."""
    stop = stop if stop is not None else Stop()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        if stop.signum is not None or stop.finishing:  # already stopping: let the clean-up finish
            return
        stop.signum = signum
        stop.mute()
        raise Interrupted(signum)

    previous = {s: signal.signal(s, handler) for s in SIGNALS}
    try:
        yield stop
    finally:
        stop.unmute()
        for s, old in previous.items():
            signal.signal(s, old)
