"""判断题: a sentence restated faithfully (正确) or with exactly one controlled change (错误).

Changes: 应当↔可以, 不得→可以, one number (time limit, amount, multiple), one subject.
"""

from __future__ import annotations

import random
import re

from kb.quiz.distractors import pick
from kb.quiz.pool import LawPool
from kb.quiz.parties import GENERIC, VICTIMS
from kb.quiz.question import Question, Sentence, according, askable, quote

# parties that name anyone in that role: put a particular party in their place and the rule still holds
GENERIC_PARTIES = GENERIC + VICTIMS
CHANGE_KINDS = ("modal", "time", "amount", "multiple", "percent", "subject", "party", "liability")
# 应当 -> 可以 is not made: "冻结的数额可以与违法金额相当" reads as true, so it would be a bad 错误 item
MODAL_SWAP = {"可以": "应当", "不得": "可以"}
# "可以符合标准" reads as nonsense rather than as a trap
AWKWARD_AFTER_MAY = ("符合", "具备", "遵守", "包括", "有", "是", "属于")
ADVISORY = ("加强", "增强", "培养", "树立", "积极", "自觉", "提高", "倡导", "鼓励", "支持", "推动", "促进", "推进",
            "采取措施", "采取有效措施", "坚持", "注重", "重视", "完善", "健全", "统筹", "引导", "尽量", "逐步")
# what nobody may do anyway: "可以" before it reads absurd rather than as a trap
FORBIDDEN_ACTS = re.compile("任何|一切|禁止|擅自|非法|侵占|侵犯|侵害|破坏|伪造|篡改|变造|虚假|隐瞒|谎报|冒用|强迫|贿赂|滥用|"
                            "抵触|违反|截留|挪用|私分|无关|歧视|弄虚作假|索取|收受|徇私")
CONSTRAINTS = ("在", "依法", "依照", "按照", "根据", "参照", "于")
VAGUE_LIABILITY = "相应的责任"   # "与进口者承担相应的责任" for 连带责任 is too vague to read false
SUPPLEMENTARY = {"相应的责任", "相应的补充责任"}   # 监护人…承担相应的补充责任 for 相应的责任: a 补充 one is 相应 too
KIND_NAMES = {"modal": "义务性用语", "time": "期限", "amount": "数额", "multiple": "倍数", "percent": "比例",
              "subject": "主体", "party": "责任主体", "liability": "责任形式"}


def make_true(sentence: Sentence) -> Question | None:
    """The sentence restated as it stands."""
    clause = sentence.clause
    if not askable(sentence, CHANGE_KINDS + ("term",)):   # a statement worth judging carries a key element
        return None
    text = sentence.text
    explanation = f"正确。{clause.citation()}规定：{quote(text.rstrip('。'))}。"
    return Question("judge", according(clause) + text, [], True, explanation, clause, answer_text="正确",
                    meta={"statement": text, "facts": [text.rstrip("。")[:40]]})


def modal_is_clear(element, segment: str) -> bool:
    """Is the other modal word plainly wrong here? Not inside 除...外, not before a mere constraint
    ("可以在法定授权范围内实施" would read as true with 应当)."""
    before = re.split("[，。；]", segment[:element.start])[-1]
    after = segment[element.end:]
    if "除" in before or re.split("[，。；]", after)[0].endswith("的"):
        return False   # 除...外, or a condition "应当给予行政处罚的，适用本法": a swap there means little
    return not (element.text == "可以" and after.startswith(CONSTRAINTS))


def liable_position(segment: str, start: int, end: int) -> bool:
    """Is the party at [start, end) the one who answers (由X承担, 向X请求赔偿, X应当承担)?"""
    return segment[:start].endswith(("由", "向")) or bool(re.match("(?:应当|依法|也)?(?:承担|赔偿|负责)", segment[end:]))


def offers_choice(segment: str, end: int) -> bool:
    """Does the permission after `end` offer alternatives (减轻或者不承担; 申请…，或者依法强制执行)?"""
    return "或者" in re.split("[。；]", segment[end:])[0]


def absurd_permission(segment: str, at: int, word: str) -> bool:
    """不得 -> 可以 before a wrong everyone knows ("都可以同宪法相抵触", "可以截留、挪用"): no trainee says 正确."""
    return word == "不得" and bool(FORBIDDEN_ACTS.search(segment[:at] + re.split("[，。；]", segment[at:])[0]))


def modal_swappable(element, segment: str) -> bool:
    after = segment[element.end:]
    if not modal_is_clear(element, segment) or absurd_permission(segment, element.start, element.text):
        return False
    if element.text == "应当" and after.startswith(ADVISORY):
        return False   # "可以加强/积极..." is not clearly wrong: only concrete duties are swapped
    if element.text == "可以" and offers_choice(segment, element.end):
        return False   # "应当申请人民法院强制执行，或者依法强制执行": a duty to take one of two ways reads true
    return element.text in MODAL_SWAP and not after.startswith(AWKWARD_AFTER_MAY)


def make_false(sentence: Sentence, element, segment: str, pool: LawPool, rng: random.Random) -> Question | None:
    """The sentence with exactly one element changed."""
    clause = sentence.clause
    if element.kind == "modal" and not modal_swappable(element, segment):
        return None
    if element.kind == "party" and element.text in GENERIC_PARTIES:
        return None   # "行为人…承担责任" with 承揽人 is still true: a 承揽人 at fault is a 行为人
    if element.kind == "party" and not liable_position(segment, element.start, element.end):
        return None   # "网络服务提供者因劳务造成他人损害" is nonsense, not a trap: only the liable party is swapped
    if element.kind == "modal":
        new = MODAL_SWAP[element.text]
    else:
        wrong = pick(element, pool, clause.text, rng, 1, where=clause.path,
                     forbidden=tuple(SUPPLEMENTARY) if element.kind == "liability" else ())
        if not wrong:
            return None
        new = wrong[0]
    text = segment[:element.start] + new + segment[element.end:]
    where = pool.provenance(new, clause) if element.kind != "modal" else ""
    explanation = (f"错误。{clause.citation()}规定：{quote(segment.rstrip('。'))}。"
                   f"题干将{KIND_NAMES[element.kind]}{quote(element.text)}改成了{quote(new)}"
                   + (f"（{quote(new)}{where}，不是本条的规定）" if where else "") + "。")
    return Question("judge", according(clause) + text, [], False, explanation, clause, answer_text="错误",
                    element=element.kind,
                    change={"kind": element.kind, "from": element.text, "to": new, "at": element.start},
                    meta={"statement": text, "segment": segment, "sentence": sentence.text,
                          "facts": [segment[max(0, element.start - 6): element.end]]})
