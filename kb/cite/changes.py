"""What changed between an old article and the new one: penalties, amounts, time limits, subjects.

Rules, not guesses: amounts (元/万元, Chinese or Arabic numerals via kb.numerals), multiples of
违法所得, time limits (日/个月/年), enforcement measures (责令改正 → 责令限期改正, 按日连续处罚…)
and the authorities named. Anything else that differs is reported as "文字修改".
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
    """Phrases in the text, dropping a phrase that only occurs inside a longer one found."""
    found = {p for p in phrases if p in text}
    return {p for p in found if not any(p != q and p in q and text.count(p) == text.count(q) for q in found)}


def describe_changes(old: str, new: str) -> list[str]:
    """Short Chinese notes of what changed from old to new (empty when the texts are the same)."""
    if old == new:
        return []
    notes = []
    old_money, new_money = amounts(old), amounts(new)
    if old_money and new_money:
        if max(old_money) != max(new_money):
            verb = "提高到" if max(new_money) > max(old_money) else "降低为"
            notes.append(f"罚款上限由{yuan(max(old_money))}{verb}{yuan(max(new_money))}")
        if min(old_money) != min(new_money) and len(old_money) > 1 and len(new_money) > 1:
            verb = "提高到" if min(new_money) > min(old_money) else "降低为"
            notes.append(f"罚款下限由{yuan(min(old_money))}{verb}{yuan(min(new_money))}")
    elif new_money and not old_money:
        notes.append(f"增加罚款数额（{yuan(min(new_money))}至{yuan(max(new_money))}）")
    elif old_money and not new_money:
        notes.append("删去具体罚款数额")
    old_mult, new_mult = MULTIPLE.findall(old), MULTIPLE.findall(new)
    if old_mult and new_mult and old_mult != new_mult:
        notes.append(f"倍数由{'、'.join(m + '倍' for m in old_mult)}改为{'、'.join(m + '倍' for m in new_mult)}")
    old_periods, new_periods = periods(old), periods(new)
    if set(old_periods) != set(new_periods) and (old_periods or new_periods):
        notes.append(f"期限由{'、'.join(old_periods) or '未规定'}改为{'、'.join(new_periods) or '未规定'}")
    old_measures, new_measures = _present(old, MEASURES), _present(new, MEASURES)
    if "责令改正" in old_measures and "责令限期改正" in new_measures and "责令改正" not in new_measures:
        notes.append("责令改正→责令限期改正")
        old_measures.discard("责令改正")
        new_measures.discard("责令限期改正")
    for measure in sorted(new_measures - old_measures, key=MEASURES.index):
        notes.append(f"增加“{measure}”")
    for measure in sorted(old_measures - new_measures, key=MEASURES.index):
        notes.append(f"删去“{measure}”")
    old_subjects, new_subjects = _present(old, SUBJECTS), _present(new, SUBJECTS)
    gone, added = sorted(old_subjects - new_subjects, key=SUBJECTS.index), sorted(new_subjects - old_subjects, key=SUBJECTS.index)
    if gone and added:
        notes.append(f"主体：{'、'.join(gone)}→{'、'.join(added)}")
    elif added:
        notes.append(f"增加主体：{'、'.join(added)}")
    elif gone:
        notes.append(f"删去主体：{'、'.join(gone)}")
    ratio = difflib.SequenceMatcher(None, old, new, autojunk=False).ratio()
    if not notes:
        notes.append("文字未变（仅标点或空白）" if ratio > 0.99 else f"文字修改（相似度{ratio:.0%}）")
    return notes
