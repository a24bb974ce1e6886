"""What changed between an old article and the new one: penalties, amounts, time limits, subjects.

Rules, not guesses, and only between matching provisions (see ``describe_changes``): amounts
(元/万元, Chinese or Arabic numerals via kb.numerals), multiples of 违法所得, time limits
(日/个月/年), enforcement measures (责令改正 → 责令限期改正, 按日连续处罚…) and the authorities
named. Anything else that differs is reported as "文字修改".
"""

from __future__ import annotations

import difflib
import re

from kb.numerals import CN_NUMBER_CHARS, cn_to_int, int_to_cn

NUM = rf"(?:\d+(?:\.\d+)?|[{CN_NUMBER_CHARS}]+)"
MONEY = re.compile(rf"({NUM})(万)?元")
MULTIPLE = re.compile(rf"({NUM})倍")
PERIOD = re.compile(rf"({NUM})(个工作日|个月|日|天|年)(?:内|以内|之内)")
MEASURES = ("责令改正", "责令限期改正", "责令停止违法行为", "责令停止建设", "责令恢复原状", "限制生产", "停产整治",
            "责令停业", "责令关闭", "责令停产", "按日连续处罚", "拘留", "吊销", "没收违法所得", "查封", "扣押", "警告",
            "通报批评", "罚款", "处分", "依法追究刑事责任", "责令限期治理", "责令拆除", "代为处置", "信用记录")
SUBJECTS = ("国务院环境保护主管部门", "国务院生态环境主管部门", "环境保护主管部门", "生态环境主管部门",
            "负有环境保护监督管理职责的部门", "负有生态环境保护监督管理职责的部门", "县级以上人民政府", "县级以上地方人民政府",
            "公安机关", "海事管理机构", "海警机构", "渔业主管部门", "自然资源主管部门", "住房城乡建设主管部门",
            "住房和城乡建设主管部门", "交通运输主管部门", "市场监督管理部门", "农业农村主管部门", "人民法院", "人民检察院")


def _value(text: str) -> float | None:
    try:
        return float(text) if re.fullmatch(r"\d+(?:\.\d+)?", text) else float(cn_to_int(text))
    except ValueError:
        return None


def amounts(text: str) -> list[float]:
    """Money amounts in yuan, in order."""
    found = []
    for number, wan in MONEY.findall(text):
        value = _value(number)
        if value is not None:
            found.append(value * (10_000 if wan else 1))
    return found


def yuan(value: float) -> str:
    """1000000 -> 一百万元; 5000 -> 五千元."""
    value = int(value)
    if value >= 10_000 and value % 10_000 == 0:
        return f"{int_to_cn(value // 10_000)}万元"
    return f"{int_to_cn(value)}元"


def periods(text: str) -> list[str]:
    """Time limits, normalised (两年 = 二年 = 2年 -> 二年), each once, in order."""
    found = []
    for number, unit in PERIOD.findall(text):
        value = _value(number)
        label = f"{int_to_cn(int(value)) if value is not None else number}{'日' if unit == '天' else unit}"
        if label not in found:
            found.append(label)
    return found


def _present(text: str, phrases: tuple[str, ...]) -> set[str]:
    """Phrases in the text, dropping a phrase that only occurs inside a longer one found
    (责令其停止违法行为 reads as 责令停止违法行为)."""
    text = re.sub(r"责令(?:其|有关单位|违法者|建设单位|当事人)", "责令", text)
    found = {p for p in phrases if p in text}
    return {p for p in found if not any(p != q and p in q and text.count(p) == text.count(q) for q in found)}


def segments(text: str) -> list[str]:
    """An article cut into its 款/项 lines and each line into sentences (。；), the units compared."""
    out = []
    for line in text.split("\n"):
        for piece in re.split(r"(?<=[。；;])", line):
            if len(_PLAIN.sub("", piece)) >= 4:
                out.append(piece.strip())
    return out


_PLAIN = re.compile(r"[\s，。；：、（）《》“”\"'()\[\]]")
MATCH = 0.35     # Dice overlap of character bigrams for two sentences to be "the same provision"


def bigrams(text: str) -> set[str]:
    """Character pairs of a text without spaces and punctuation (the unit of wording overlap)."""
    plain = _PLAIN.sub("", text)
    return {plain[i:i + 2] for i in range(len(plain) - 1)}


def matching_segments(old: str, new: str) -> list[tuple[str, str]]:
    """(old sentence, new sentence) for each old sentence whose best counterpart in the new text
    shares enough of its wording (Dice ≥ MATCH); unmatched sentences are left out."""
    new_segments = [(segment, bigrams(segment)) for segment in segments(new)]
    pairs = []
    for segment in segments(old):
        grams = bigrams(segment)
        best, best_score = None, 0.0
        for candidate, candidate_grams in new_segments:
            if grams and candidate_grams:
                score = 2 * len(grams & candidate_grams) / (len(grams) + len(candidate_grams))
                if score > best_score:
                    best, best_score = candidate, score
        if best is not None and best_score >= MATCH:
            pairs.append((segment, best))
    return pairs


def _money_notes(old: str, new: str) -> list[str]:
    """Penalty amounts of two matching sentences: one amount or one range each, else nothing."""
    old_money, new_money = amounts(old), amounts(new)
    if not old_money and not new_money:
        return []
    if not old_money:                   # only when the old sentence also imposes a fine
        if "罚款" not in old or len(new_money) > 2:
            return []
        return [f"增加罚款数额（{yuan(min(new_money))}至{yuan(max(new_money))}）" if len(new_money) == 2
                else f"增加罚款数额（{yuan(new_money[0])}）"]
    if not new_money:
        return ["删去具体罚款数额"] if "罚款" in new else []
    if len(old_money) != len(new_money) or len(old_money) > 2:
        return []                       # several amounts: which goes with which is not clear
    notes = []
    if len(old_money) == 1:
        if old_money != new_money:
            verb = "提高到" if new_money[0] > old_money[0] else "降低为"
            notes.append(f"罚款数额由{yuan(old_money[0])}{verb}{yuan(new_money[0])}")
        return notes
    if max(old_money) != max(new_money):
        verb = "提高到" if max(new_money) > max(old_money) else "降低为"
        notes.append(f"罚款上限由{yuan(max(old_money))}{verb}{yuan(max(new_money))}")
    if min(old_money) != min(new_money):
        verb = "提高到" if min(new_money) > min(old_money) else "降低为"
        notes.append(f"罚款下限由{yuan(min(old_money))}{verb}{yuan(min(new_money))}")
    return notes


QUALIFIED = re.compile(r"(?:县级以上(?:地方)?人民政府|设区的市级以上(?:地方)?人民政府|国务院)(?=[\u4e00-\u9fff]{0,12}?(?:主管部门|部门|机构))")


def _pair_notes(old: str, new: str) -> list[str]:
    notes = _money_notes(old, new)
    old_mult, new_mult = MULTIPLE.findall(old), MULTIPLE.findall(new)
    if old_mult and new_mult and old_mult != new_mult and len(old_mult) == len(new_mult):
        notes.append(f"倍数由{'、'.join(m + '倍' for m in old_mult)}改为{'、'.join(m + '倍' for m in new_mult)}")
    old_periods, new_periods = periods(old), periods(new)
    if old_periods and new_periods and set(old_periods) != set(new_periods) and len(old_periods) == len(new_periods):
        notes.append(f"期限由{'、'.join(old_periods)}改为{'、'.join(new_periods)}")
    old_measures, new_measures = _present(old, MEASURES), _present(new, MEASURES)
    if not old_measures or not new_measures:     # e.g. a 项 (the measures are in its lead-in)
        old_measures = new_measures = set()
    if "责令改正" in old_measures and "责令限期改正" in new_measures and "责令改正" not in new_measures:
        notes.append("责令改正→责令限期改正")
        old_measures.discard("责令改正")
        new_measures.discard("责令限期改正")
    for measure in sorted(new_measures - old_measures, key=MEASURES.index):
        notes.append(f"增加“{measure}”")
    for measure in sorted(old_measures - new_measures, key=MEASURES.index):
        notes.append(f"删去“{measure}”")
    # "县级以上人民政府生态环境主管部门" names one authority: the level is not a subject of its own
    old_subjects, new_subjects = _present(QUALIFIED.sub("", old), SUBJECTS), _present(QUALIFIED.sub("", new), SUBJECTS)
    gone = sorted(old_subjects - new_subjects, key=SUBJECTS.index)
    added = sorted(new_subjects - old_subjects, key=SUBJECTS.index)
    if gone and added:
        notes.append(f"主体：{'、'.join(gone)}→{'、'.join(added)}")
    return notes


def describe_changes(old: str, new: str) -> list[str]:
    """Short Chinese notes of what changed from old to new (empty when the texts are the same).

    Only matching provisions are compared: each sentence (款/项 line cut at 。；) of the old text is
    paired with the new sentence that shares most of its wording, and amounts, multiples, time
    limits, measures and authorities are compared within each pair. A new sentence with no
    counterpart (e.g. "其中，污染物为工业噪声的，罚款数额为二万元以上二十万元以下") is compared with
    nothing, so it yields no note; an authority that was only added or only dropped is not noted
    either (the wording around it usually moved). When no rule applies the note is the wording
    similarity of the whole texts.
    """
    if old == new:
        return []
    notes: list[str] = []
    for old_segment, new_segment in matching_segments(old, new):
        if old_segment == new_segment:
            continue
        for note in _pair_notes(old_segment, new_segment):
            if note not in notes:
                notes.append(note)
    if not notes:
        if _PLAIN.sub("", old) == _PLAIN.sub("", new):
            notes.append("文字未变（仅标点或空白）")
        else:
            ratio = difflib.SequenceMatcher(None, old, new, autojunk=False).ratio()
            notes.append(f"文字修改（相似度{min(ratio, 0.99):.0%}）")
    return notes
