"""Progress bars on stderr (tqdm); silent when quiet or when stderr is not a terminal."""

from __future__ import annotations

import sys
from typing import Iterable


def make_progress(quiet: bool = False):
    """A callable wrapping an iterable in a progress bar, or returning it unchanged when quiet."""

    def progress(iterable: Iterable, total: int | None = None, desc: str | None = None) -> Iterable:
        if quiet or not sys.stderr.isatty():
            return iterable
        from tqdm import tqdm

        return tqdm(iterable, total=total, desc=desc, file=sys.stderr, dynamic_ncols=True, leave=True)

    return progress
