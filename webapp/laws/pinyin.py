"""Pinyin for law titles: the order staff expect in a list (中医药法 under Z, not first), the
initial letter to group by, and the spellings the list's filter box matches (hbf, huanjing…)."""

from __future__ import annotations

import re
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

_LETTER = re.compile(r"[a-z]")


@lru_cache(maxsize=8192)
def syllables(text: str) -> tuple[str, ...]:
    """Toneless pinyin, one item per character (non-Chinese runs kept as they are, lower-cased)."""
    return tuple(s.lower() for s in lazy_pinyin(text, errors="default"))


def sort_key(text: str) -> tuple:
    """Pinyin order, ties broken by the characters themselves (同音字 stay apart, stable)."""
    return (syllables(text), text)


def initial(text: str) -> str:
    """A–Z of the first syllable, '#' for a title starting with anything else."""
    first = syllables(text)[0][:1] if text else ""
    return first.upper() if _LETTER.fullmatch(first or "") else "#"


def spellings(text: str) -> str:
    """Full pinyin and initials, for a filter box (“huanjingbaohufa hjbhf”)."""
    parts = syllables(text)
    return f"{''.join(parts)} {''.join(p[:1] for p in parts)}"
