"""Tampering with a thing breaks the 款 requiring that very thing be followed (issue 17ab).

Sample 36 #30: 国歌法第十五条 故意篡改国歌歌词、曲谱… linked none: 第六条 (奏唱国歌，应当按照本法附件所载国歌的歌词和曲谱) shares few
of its words (0.06) and names no party. A conduct 篡改X (X a list: 国歌歌词、曲谱) breaks the 款 whose 应当/必须 按照/依照/使用/
符合 takes as its object every item of X (each by its last two characters: 歌词, 曲谱) — the thing itself, not a rule about
it: no 规定/要求/办法/制度 stands between (应当按照国家有关规定建立统计资料的保存、管理制度 is no duty to follow 统计资料).
Such a unit binds the offender and ranks first in ``kb.penalty.links``, the floor judging its own score.
"""

from __future__ import annotations

import re

TAMPER = re.compile(r"篡改(?P<thing>[^，；。的]{2,30})")
ITEM_SPLIT = re.compile(r"、|或者|以及|和|及")
FOLLOW = re.compile(r"(?:应当|必须)(?:按照|依照|使用|符合)(?P<object>[^，。；]{0,30})")
RULE = re.compile(r"规定|要求|办法|制度")


def tampered_heads(conduct: str) -> list[str]:
    """The last two characters of each item of the thing a 篡改X conduct tampers with (国歌歌词、曲谱 → 歌词, 曲谱)."""
    match = TAMPER.search(conduct)
    if not match:
        return []
    return [item[-2:] for item in ITEM_SPLIT.split(match.group("thing")) if len(item) >= 2]


def follows_thing(text: str, heads: list[str]) -> bool:
    """The unit requires following every head's thing, no rule standing before it (应当按照…国歌的歌词和曲谱)."""
    for match in FOLLOW.finditer(text):
        object_ = match.group("object")
        ends = [object_.find(head) for head in heads]
        if heads and all(end >= 0 for end in ends) and not RULE.search(object_[:max(ends)]):
            return True
    return False


def tampered_units(conduct: str, texts: list[str]) -> list[bool]:
    """Per unit: it requires following the thing a 篡改X conduct tampers with."""
    heads = tampered_heads(conduct)
    return [bool(heads) and follows_thing(text, heads) for text in texts]
