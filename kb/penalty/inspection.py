"""Obstructing an inspection breaks the duty to accept it (issue 17gg).

Sample 22 #8: 税收征收管理法第七十条 纳税人、扣缴义务人逃避、拒绝或者以其他方式阻挠税务机关检查 linked nothing, though 第五十六条
says 纳税人、扣缴义务人必须接受税务机关依法进行的税务检查…不得拒绝、隐瞒: its parties (…义务人) are no party kind ``kb.penalty.duties``
reads, so the 款 got no subject boost and fell under the floor.

``inspection_conduct(conduct)``: (the inspection word, the body named before it, the parties named right before the act, the
conduct) when the conduct's first act refuses, obstructs or evades an inspection (拒绝、阻挠、阻碍、逃避、妨碍、拒不接受 … 检查/调查/稽查/
核查/检验/检测/审计/查验; not 拒绝提供…资料, not a later alternative after 或者/、, not 协助…逃避检查), else None.
``inspection_duty(text, kind)``: the unit requires accepting or assisting that inspection (应当/必须/并 … 接受/配合/协助 …检查; not 有权拒绝
接受调查) or forbids refusing or obstructing it (不得拒绝、阻碍…检查), with the same inspection word not qualified as another kind
(客户尽职调查), binding whoever is checked (有关单位和个人, 被检查单位) or the conduct's own party (not 国有农场 for anyone, nor 纳税人
for their bank), and, when both name a body, the same body (``kb.penalty.duties.same_body``; 税务机关). In
``kb.penalty.links`` it is a duty of the conduct's kind: it ranks first and binds the offender, the floors judging its own score.
"""

from __future__ import annotations

import re

from kb.penalty.duties import BODY, same_body
from kb.penalty.parties import names

CHECKS = r"(?:检查|调查|稽查|核查|检验|检测|审计|巡查|查验)"
# the act refuses or obstructs the inspection itself (not 拒绝提供…资料, a candour or supply conduct)
OBSTRUCT = re.compile(rf"(?:拒绝|阻挠|阻碍|逃避|妨碍|拒不接受|不接受|不配合)(?P<between>(?:(?!提供|执行|履行)[^，；。]){{0,20}}?)(?P<check>{CHECKS})")
# a later alternative of another act (…不如实申报…或者拒绝接受检疫查验) or helping others evade (协助…外国人逃避检查)
LATER = re.compile(r"(?:或者|、|，)$")
HELPING = re.compile(r"协助|帮助|指使|组织|容留")
# a duty word before the acceptance in its sentence (应当接受, 必须接受, 并依法接受, 不得拒绝), not a right (有权拒绝接受调查)
ACCEPT = re.compile(rf"(?:应当|必须|并|予以)[^。；，]{{0,8}}?(?:接受|配合|协助)(?P<between>[^。；]{{0,30}}?)(?P<check>{CHECKS})|"
                    rf"不得(?:[^。；]{{0,10}}?)(?:拒绝|阻挠|阻碍|逃避|妨碍)(?P<between2>[^。；]{{0,30}}?)(?P<check2>{CHECKS})")
DUTY_START = re.compile(r"应当|必须|不得|并|对|在|依法")
# the words right before the unit's inspection word name no other kind of it (…的调查, 对检查工作, 接受检查, 监督检查)
QUALIFIER_FREE = re.compile(r"(?:[的对受合助碍挠绝避]|监督)$")
# a subject binding whoever is checked (有关单位和个人, 被检查单位, 任何组织和个人), not one party (国有农场, 被禁闭人员)
GENERIC = re.compile(r"^(?:有关|任何|被检查|被调查|被审计|被监督检查|当事人|单位和个人|单位或者个人|公民、法人)")


def inspection_conduct(conduct: str) -> tuple[str, str, tuple[str, ...], str] | None:
    """(the inspection word, the body the conduct names before it or "", the parties named right before the act, the conduct) of a conduct
    whose (first) act obstructs an inspection, else None."""
    match = OBSTRUCT.search(conduct)
    prefix = conduct[:match.start()] if match else ""
    if not match or LATER.search(prefix) or HELPING.search(re.split(r"[，；]", prefix)[-1]):
        return None
    body = BODY.findall(match.group("between"))
    # the parties named right before the act (纳税人、扣缴义务人; 开户银行, not the 纳税人 whose bank it is)
    return match.group("check"), body[-1] if body else "", tuple(names(prefix.split("的")[-1])), conduct


def inspection_duty(text: str, kind: tuple[str, str, tuple[str, ...], str]) -> bool:
    """The unit requires accepting (or forbids obstructing) the same inspection by the same body, binding whoever is checked
    or the conduct's own party (see the module)."""
    check, body, offender, conduct = kind
    for match in ACCEPT.finditer(text):
        found = "check" if match.group("check") else "check2"
        before = text[max(0, match.start(found) - 2):match.start(found)]
        if match.group(found) != check or not _binds(text, match.start(), offender) or not (QUALIFIER_FREE.search(before)
                                                                                            or before in conduct):
            continue        # 客户尽职调查 is another inspection than 反洗钱…调查; 税务检查 is the 税务机关's

        named = BODY.findall(text[max(0, match.start() - 30):match.end()])
        if not body or not named or any(same_body(body, name) or same_body(name, body) for name in named):
            return True
    return False


def _binds(text: str, at: int, offender: tuple[str, ...]) -> bool:
    """Whether the subject of the duty at ``at`` is whoever is checked, or one of the conduct's parties."""
    sentence_start = max(text.rfind(mark, 0, at) for mark in "。；\n") + 1
    segment_start = max(text.rfind("，", 0, at) + 1, sentence_start)
    subject = DUTY_START.split(text[segment_start:at], maxsplit=1)[0]
    if not subject.strip():
        opening = text[sentence_start:at].split("，")
        opening = [part for part in opening if part and not part.endswith(("时", "的"))] or opening
        subject = DUTY_START.split(opening[0], maxsplit=1)[0]
    subject = subject.strip()
    if not subject or GENERIC.search(subject):
        return True
    return any(name in subject or subject in name for name in offender)
