"""A sanction text cut into its ；/。-segments, and the sanctions those segments carry.

``segments(text)`` numbers every ；-segment by its sentence; ``sanctions_of(text, condition)`` reads every
sanction of a text that may hold several segments, each maybe with its own condition (情节严重的，…). Both
serve ``kb.penalty.rows``.
"""

from __future__ import annotations

import re

from kb.penalty.conditions import _chain_across, sanction_pieces
from kb.penalty.conduct import split_conduct
from kb.penalty.sanctions import Sanction

FRESH = re.compile(r"^(?:对|(?:可以)?处(?![罚理置分]))")


def segments(text: str) -> list[tuple[int, str]]:
    """(sentence number, segment) for every ；/。-separated segment."""
    found = []
    for number, sentence in enumerate(re.split(r"(?<=。)", text)):
        for segment in sentence.rstrip("。").split("；"):
            if segment.strip():
                found.append((number, segment.strip()))
    return found


def sanctions_of(text: str, condition: str | None) -> list[Sanction]:
    """Every sanction of a sanction text (several ；-segments, each maybe with its condition)."""
    found: list[Sanction] = []
    sentence_condition: tuple[int, str | None] = (-1, condition)
    # 依照下列规定处以罚款：（一）发生一般事故的，处…；（二）…: the first item is a case as the others are (issue 17x)
    for sentence, segment in segments(re.sub(r"：(?=（[一二三四五六七八九十]+）)", "；", text.rstrip("：:"))):
        special = segment.startswith("其中，")
        head = segment[3:] if special else segment
        split = split_conduct(head)
        if split is None or not split[0]:
            body = head if split is None else split[1]
            inherited = sentence_condition[1] if sentence_condition[0] == sentence else condition
            if FRESH.match(body):     # ；对直接负责的主管人员…处… / ；处…罚款 start afresh, as in a 款 (see _paragraph_rows)
                inherited = condition
            found.extend(sanction_pieces(body, inherited if found else condition))
            continue
        conduct, rest = split
        previous = sentence_condition[1] if sentence_condition[0] == sentence else None
        new = _chain_across(previous, conduct, found[-1].text if found else "")
        found.extend(sanction_pieces(rest, new))
        sentence_condition = (sentence, new)
    return found
