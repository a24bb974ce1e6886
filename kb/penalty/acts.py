"""A clause matched on the offender's name alone is not the duty its act breaks (issue 17mm).

The conduct→obligation match counts every shared term, the offender's name too: 特种设备生产、经营、使用单位擅自动用
被查封、扣押的特种设备 matched 第十三条第一款 (特种设备生产、经营、使用单位…对…特种设备安全负责) on the name and the law's own
word; 公共航空运输企业…航班运行效率较低 matched 第一百七十七条第一款 (公共航空运输企业…应当制定事故家属援助计划). Such a clause
holds none of the words of the conduct's act: the conduct without its subject (``offenders._subject``; an item's conduct is
already its act), jieba words of two characters or more, less the law's common words (those in at least
``COMMON_SHARE`` of its obligation units: 特种设备 in 特种设备安全法) and words that name no act (违反, 规定, 其他…).
``name_only`` marks the units holding none; a conduct whose act has no word left says nothing (no unit marked).
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from kb.penalty.duties import NAMED_END, party
from kb.penalty.offenders import _subject
from kb.penalty.omission import undone_acts
from kb.penalty.rows import PenaltyRow
from kb.textsim import PUNCT, jieba_module

COMMON_SHARE = 0.2      # a word in this share of a law's obligation units is the law's, not the act's
# the manner of an act, not the act (未经许可擅自出口: 出口 and 许可, the law's common words, are its act)
MANNER = ("未经", "擅自", "非法", "违法")
MIN_WORDS = 2           # one word left (行医 of 非医师行医) is too thin to rule a unit out
COMMON_MIN_UNITS = 20   # …of a law with so many units at least (in a decision of five units every word is common)
NO_ACT = {"违反", "规定", "或者", "以及", "其他", "有关", "行为", "本法", "条例", "依法", "按照", "依照", "之一", "下列",
          "情形", "要求", "相关", "履行", "职责", "义务", "不得", "应当", "单位", "个人", "机构", "人员", "企业", "组织"}


def act_words(act: str, jieba) -> set[str]:
    """The words of a conduct's act (``w:`` keys, as in ``textsim.features``), a compound's parts too (未经许可 → 许可,
    任职资格 → 资格: jieba's search cut). (Issue 17ab) Of 应扣未扣, the words 应扣, 未扣 are the shape's, not the act's:
    no unit holds them, so every unit looked matched on the name alone (税收征收管理法第六十九条)."""
    undone = undone_acts(act)
    return {"w:" + word for word in jieba.lcut_for_search(PUNCT.sub("", act))
            if len(word) >= 2 and word not in NO_ACT and not word.startswith(MANNER)
            and not (len(word) == 2 and word[0] in "应未不" and word[1] in undone)}


def common_words(unit_bags: list[Counter]) -> set[str]:
    """Words in at least ``COMMON_SHARE`` of the units (each bag counted once)."""
    if len(unit_bags) < COMMON_MIN_UNITS:
        return set()
    df = Counter(key for bag in unit_bags for key in bag if key.startswith("w:"))
    return {key for key, count in df.items() if count >= COMMON_SHARE * len(unit_bags)}


def name_only(words: set[str], texts: list[str], common: set[str]) -> np.ndarray:
    """Units (their texts) holding none of the act's words (less the law's common ones), a word counting inside a longer
    one (管理 in 内部管理制度); none marked when fewer than ``MIN_WORDS`` are left."""
    words = {word[2:] for word in words - common}
    if len(words) < MIN_WORDS:
        return np.zeros(len(texts), dtype=bool)
    held = re.compile("|".join(re.escape(word) for word in sorted(words)))      # any of the words, as a substring
    return np.array([not held.search(text) for text in texts], dtype=bool)


_COMMON: dict[int, tuple[list, set[str]]] = {}     # the common words of the units last asked about


def act_of(row: PenaltyRow) -> str:
    """The conduct's act: the conduct without the names of its offender — its whole subject when that ends in a
    party's name (特种设备生产、经营、使用单位), else the whole conduct (用人单位直接涉及…的规章制度违反…: its subject holds
    its object)."""
    text = f"{row.lead.split('下列')[0]}{row.conduct}" if row.item else row.conduct     # 未取得…合格证书的，有下列行为: its act too
    subject = _subject(row)
    if subject and NAMED_END.search(subject) and text.startswith(subject):
        return text[len(subject):]
    return _after_name(text, subject)


def _after_name(text: str, subject: str) -> str:
    """(issue 17tt) A subject read as the whole conduct, no verb found to end it (邮政企业从业人员故意延误投递邮件): the act
    after the last party name it opens with (从业人员), when no 的 stands before that name (not 使用的名称…, 不符合条件的单位…)."""
    named = party(subject) if subject == text else None
    end = text.find(named) + len(named) if named else -1
    if named and end > 0 and "的" not in text[:end] and len(text) - end >= 2:
        return text[end:]
    return text


def name_only_units(row: PenaltyRow, units: list[tuple], unit_bags: list[Counter]) -> np.ndarray:
    """``name_only`` for a row against a law's obligation units ((clause, paragraph, text)) and their
    ``textsim.features`` bags."""
    cached = _COMMON.get(id(unit_bags))
    if cached is None or cached[0] is not unit_bags:
        _COMMON.clear()
        cached = _COMMON[id(unit_bags)] = (unit_bags, common_words(unit_bags))
    words = act_words(act_of(row), jieba_module())
    return name_only(words, [text for _, _, text in units], cached[1])
