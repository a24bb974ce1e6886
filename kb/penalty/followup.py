"""A conduct that is only the offender's failure to heed a first step (issue 17oo).

A 款 may first name the act and a dissuasion (在…从事有损…的活动的，纪念设施保护单位应当及时劝阻)
and then sanction the offender who does not heed it (不听劝阻的，由…给予批评教育). The row's conduct was
the bare failure (不听劝阻), which names no act: the row could link no duty (英雄烈士保护法第二十七条第一款). ``followed(conduct,
earlier)`` gives such a conduct the act before it (在…从事有损…的活动，不听劝阻); any other conduct is kept as it is.

Likewise a conduct that is only a consequence (给劳动者造成损害的，应当承担赔偿责任) takes the act its sentence opened with as the
object of 对…行为，依法追究… (对不具备合法经营资格的用人单位的违法犯罪行为，依法追究法律责任；…: 劳动合同法第九十三条; issue 17ss).
"""

from __future__ import annotations

import re

# the whole conduct is a failure to heed a dissuasion (不听劝阻, 不听制止). Not 逾期不改正 / 拒不改正: what is to be corrected
# there may be a state of things, not an act (产品质量法第十七条 …产品质量不合格的，…责令…限期改正。逾期不改正的: given its
# first words, the row linked 第十五条第二款 地方不得另行重复抽查, wrong), nor 拒不改正违法行为 (names its act)
FOLLOW_UP = re.compile(r"^(?:不听劝阻|不听制止|经劝阻(?:仍)?不(?:改正|停止)|劝阻无效)的?$")


CONSEQUENCE = re.compile(r"^给[^，；。]{1,30}造成[^，；。]{0,20}(?:损害|损失)的?$")
OBJECT_ACT = re.compile(r"^对(?P<act>[^，；。]{2,60}?的(?:违法犯罪|违法|犯罪)行为)，依法追究")


def followed(conduct: str, earlier: str | None, opener: str = "") -> str:
    """The conduct with the earlier act of its 款 before it when it is a bare failure to heed (``earlier``: the conduct,
    or the first segment, before it in the 款; cut at its first 的，), or a bare consequence (``opener``: the first
    segment of its sentence, 对…的违法行为，依法追究…)."""
    act = OBJECT_ACT.match(opener) if CONSEQUENCE.match(conduct) else None
    if act:
        return f"{act.group('act')}，{conduct}"
    if not earlier or not FOLLOW_UP.match(conduct):
        return conduct
    act = earlier.split("的，", 1)[0] if "的，" in earlier else earlier
    act = re.sub(r"的$", "", act.strip("，；。"))
    return f"{act}，{conduct}" if act and not FOLLOW_UP.match(act) else conduct
