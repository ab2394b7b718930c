"""Progress of a long run (loading, validating) as a small callback protocol.

The library calls a :class:`Progress` it is given: :meth:`~Progress.start` a phase
(with how many steps it has, if known), :meth:`~Progress.advance` through it, and
:meth:`~Progress.note` a short status beside it. The default, :data:`NO_PROGRESS`,
does nothing, so the hot paths pay one method call per step and import no display
code. A Python caller passes any object with these three methods; the command line
passes :func:`terminal_progress`, rich's progress display on stderr, and only when
stderr is a terminal (so nothing changes on stdout, nor in a log or a pipe).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Final, Protocol, TextIO

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID

__all__ = ["NO_PROGRESS", "NoProgress", "Progress", "terminal_progress"]


class Progress(Protocol):
    """Told what a long run is doing; each call must return quickly."""

    def start(self, phase: str, *, total: int | None = None) -> None:
        """A new phase begins (the one before it is over); ``total`` steps, if known."""

    def advance(self, steps: int = 1) -> None:
        """``steps`` more steps of the current phase are done."""

    def note(self, text: str) -> None:
        """A short status of the current phase (``"120,431 triples"``)."""


class NoProgress:
    """Reports nothing: the default wherever a ``progress`` can be passed."""

    def start(self, phase: str, *, total: int | None = None) -> None:
        pass

    def advance(self, steps: int = 1) -> None:
        pass

    def note(self, text: str) -> None:
        pass


NO_PROGRESS: Final[Progress] = NoProgress()


@contextlib.contextmanager
def terminal_progress(stream: TextIO | None = None, *, quiet: bool = False) -> Iterator[Progress]:
    """rich's progress display on ``stream`` (stderr) while the block runs, if it is a terminal.

    With ``quiet``, or when ``stream`` is not a terminal, it is :data:`NO_PROGRESS`.
    The display never takes over stdout: what the command prints there is unchanged.
    """
    stream = sys.stderr if stream is None else stream
    if quiet or not _is_terminal(stream):
        yield NO_PROGRESS
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as RichProgress

    display = RichProgress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[note]}"),
        TimeElapsedColumn(),
        console=Console(file=stream),
        redirect_stdout=False,
        redirect_stderr=False,
    )
    shown = _RichProgress(display)
    with display:
        try:
            yield shown
        finally:
            shown.finish()


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed file
        return False


class _RichProgress:
    """One rich task per phase; a finished phase stays on screen, complete."""

    def __init__(self, display: RichProgress) -> None:
        self._display = display
        self._task: TaskID | None = None

    def start(self, phase: str, *, total: int | None = None) -> None:
        self.finish()
        self._task = self._display.add_task(phase, total=total, note="")
        self._display.refresh()  # a phase shorter than one refresh still shows

    def advance(self, steps: int = 1) -> None:
        if self._task is not None:
            self._display.advance(self._task, steps)

    def note(self, text: str) -> None:
        if self._task is not None:
            self._display.update(self._task, note=text)

    def finish(self) -> None:
        if self._task is None:
            return
        task = next(t for t in self._display.tasks if t.id == self._task)
        done = task.completed if task.total is None else task.total
        self._display.update(self._task, total=done, completed=done)
        self._display.refresh()
        self._task = None
