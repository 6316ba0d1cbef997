"""Progress bars of long-running commands (`gongkai import`, `gongkai reindex`).

The bar goes to the command's stderr, so stdout keeps only the summary a script may read,
and shows how many items are done, the rate and an estimate of the time left. It stays
silent when stderr is not a terminal (logs, pipes, cron) and with ``--quiet``.
"""

from __future__ import annotations

from django.core.management.base import OutputWrapper
from tqdm import tqdm


class _Unstyled:
    """A command's stderr as tqdm writes to it: no line end added and no error colour,
    which OutputWrapper.write would otherwise add to every redraw."""

    def __init__(self, out: OutputWrapper):
        self.out = out

    def write(self, text: str) -> None:
        self.out.write(text, style_func=str, ending="")

    def flush(self) -> None:
        self.out.flush()


def progress_bar(*, total: int, unit: str, out: OutputWrapper, quiet: bool = False) -> tqdm:
    """A bar over ``total`` items (call ``update(n)``; close it, or use it as a context
    manager), drawn on ``out`` only when that is a terminal and ``quiet`` is off."""
    return tqdm(
        total=total,
        unit=unit,
        file=_Unstyled(out),
        disable=quiet or not out.isatty(),
        smoothing=0.1,  # the rate and time left follow the recent pace, not only the start
    )
