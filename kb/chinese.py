"""Traditional -> simplified Chinese: the one OpenCC converter (t2s), shared by search and citations."""

from __future__ import annotations

import threading
from functools import lru_cache

from opencc import OpenCC

_CONVERTER: OpenCC | None = None
_LOCK = threading.Lock()
SHORT = 200  # texts up to this length (queries, citations) are cached


def _converter() -> OpenCC:
    global _CONVERTER
    if _CONVERTER is None:
        with _LOCK:
            if _CONVERTER is None:
                _CONVERTER = OpenCC("t2s")  # reads its dictionaries: once per process
    return _CONVERTER


@lru_cache(maxsize=4096)
def _convert_short(text: str) -> str:
    return _converter().convert(text)


def to_simplified(text: str) -> str:
    """The text in simplified characters (OpenCC t2s)."""
    return _convert_short(text) if len(text) <= SHORT else _converter().convert(text)
