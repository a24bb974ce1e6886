"""Progress for long commands (ingest, index): bars on stderr, and only on a terminal.

``make_progress(quiet)`` is the ``progress`` callable the pipeline and the index build take:
None when quiet (no bars, no progress lines); otherwise it wraps an iterable in a tqdm bar when
stderr is a terminal and passes it through unchanged when stderr is a file or pipe (``make run >
log 2>&1`` gets the progress lines, never the bars' ``\\r`` frames).
"""

from __future__ import annotations

import sys
from typing import Callable, Iterable

from tqdm import tqdm


def make_progress(quiet: bool = False) -> Callable | None:
    """The progress callable for a command (see the module docstring)."""
    if quiet:
        return None

    def progress(iterable: Iterable, total: int | None = None, desc: str | None = None) -> Iterable:
        stream = sys.stderr
        if not stream.isatty():
            return iterable
        return tqdm(iterable, total=total, desc=desc, file=stream, dynamic_ncols=True, leave=True)

    return progress
