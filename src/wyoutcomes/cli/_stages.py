"""Stage lines on stderr for long commands: silent for quick work, and when not on a terminal.

A command names its stages as it goes (``stages.stage("rendering the report")``); nothing is
printed until the command has run for :data:`QUIET_SECONDS`, then the current stage is printed,
and again every :data:`REPEAT_SECONDS` while it lasts, so a 9-second report shows what it is
doing and a 0.3-second one prints nothing. Output goes to stderr only when it is a terminal,
unless ``--progress`` asks for it (e.g. in a CI log). Plain stage lines rather than a bar
(rich, tqdm): the stages have no known length to fill a bar with, lines survive a log file
unchanged, and click, already a dependency, writes them.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from types import TracebackType

import click

__all__ = ["QUIET_SECONDS", "REPEAT_SECONDS", "Stages", "progress_option"]

QUIET_SECONDS = 2.0
REPEAT_SECONDS = 10.0


def progress_option(function: Callable[..., object]) -> Callable[..., object]:
    """The ``--progress/--no-progress`` option (default: on when stderr is a terminal)."""
    return click.option(
        "--progress/--no-progress",
        "show_progress",
        default=None,
        help="Print stage lines on stderr for work over 2 s (default: only on a terminal).",
    )(function)


class Stages:
    """A context that prints the current stage of ``command`` on stderr once work is slow.

    >>> with Stages("report", enabled=False) as stages:
    ...     stages.stage("rendering the report")
    """

    def __init__(
        self,
        command: str,
        enabled: bool | None = None,
        echo: Callable[[str], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.command = command
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._echo = echo or (lambda line: click.echo(line, err=True))
        self._clock = clock
        self._current = "starting"
        self._printed_at: float | None = None
        self._printed_stage: str | None = None
        self._start = clock()
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> Stages:
        self._start = self._clock()
        if self.enabled:
            self._thread = threading.Thread(target=self._watch, daemon=True)
            self._thread.start()
        return self

    def stage(self, text: str) -> None:
        """Name the stage now under way (printed at once if the command is already slow)."""
        with self._lock:
            self._current = text
        self.tick()

    def rows(self, text: str, rows: int) -> None:
        """A stage with a row count (validation's progress callback has this shape)."""
        self.stage(f"{text} ({rows:,} rows)" if rows else text)

    def tick(self) -> None:
        """Print the current stage if the command is slow and the stage is new or long."""
        if not self.enabled:
            return
        now = self._clock()
        with self._lock:
            elapsed = now - self._start
            if elapsed < QUIET_SECONDS:
                return
            new = self._current != self._printed_stage
            stale = self._printed_at is not None and now - self._printed_at >= REPEAT_SECONDS
            if not (new or stale):
                return
            self._printed_at, self._printed_stage = now, self._current
            line = f"{self.command}: {self._current} … ({elapsed:.0f} s)"
        self._echo(line)

    def _watch(self) -> None:
        while not self._done.wait(0.25):
            self.tick()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._done.set()
        if self._thread is not None:
            self._thread.join()
        if self.enabled and kind is None and self._printed_at is not None:
            self._echo(f"{self.command}: done in {self._clock() - self._start:.0f} s")
