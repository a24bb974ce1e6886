"""Derived data kept as JSON in the corpus folder, rebuilt when its stamp (version, corpus hash …)
no longer matches. Written to a temporary file and renamed, so a crash leaves the old file or the
new one; a read-only folder keeps the result in memory only."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any, Callable

_LOCKS: dict[str, threading.Lock] = {}
_GUARD = threading.Lock()


def _lock(path: Path) -> threading.Lock:
    with _GUARD:
        return _LOCKS.setdefault(str(path), threading.Lock())


def load_or_build(path: Path, stamp: dict, key: str, build: Callable[[], list], rebuild: bool = False) -> list:
    """``record[key]`` of the file when every field of ``stamp`` matches, else ``build()`` saved with it."""
    with _lock(path):
        if path.exists() and not rebuild:
            try:
                record = json.loads(path.read_text(encoding="utf-8"))
                if all(record.get(name) == value for name, value in stamp.items()):
                    return record[key]
            except (ValueError, KeyError, TypeError):
                pass
        items: Any = build()
        tmp = path.with_suffix(".tmp")
        try:
            tmp.write_text(json.dumps({**stamp, key: items}, ensure_ascii=False), encoding="utf-8")
            tmp.replace(path)
        except OSError:
            pass
        return items
