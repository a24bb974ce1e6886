"""Candour conducts and candour duties (issue 17t, rule c).

A conduct of giving false information (在监督检查中提供虚假情况, 考核中虚报业绩，隐瞒真实情况, 提供虚假的信息) breaks the
clause of the same law requiring the truth (政府采购当事人应当如实反映情况，提供有关材料; 有关单位和个人应当如实提供; 不得
提供虚假的信息和证明), not another duty sharing its topic words (政府采购法第四十二条 采购文件应当妥善保存). For such a conduct
a clause stating a candour duty ranks first and binds the offender (``kb.penalty.links``).

Which candour: false information given to those who check or ask (…检查中…, 考核中…, 虚假情况, 隐瞒真实情况) breaks a duty to
tell them the truth — a 如实反映/如实提供 款 about a check, an inquiry or an assessment — or a 不得提供虚假… clause; other
false information (申请…提供虚假数据, 提供虚假材料谋取中标) breaks only a 不得提供虚假… clause: 受种者或者其监护人应当如实提供
健康状况 is the patient's duty to the doctor, not an applicant's. (Issue 17v) 提供虚假证明材料 and 不如实提供/不如实答复 are candour conducts too, and a duty to give true evidence
(申请办理公证的当事人应当…提供真实、合法、充分的证明材料) is broken by giving false evidence, checked or not. Issuing a false report or certificate (出具虚假检验报告) and
谎报 goods are not candour conducts here: each profession's and each declaration's duty is a clause of its own.
"""

from __future__ import annotations

import re

CANDOUR_CONDUCT = re.compile(r"(?:提供|报送|提交)虚假(?:的)?(?:证明)?(?:情况|材料|资料|信息|数据|证明)|隐瞒(?:有关)?真实情况|"
                             r"不如实(?:提供|答复|报告|说明|反映|陈述|报送|提交|填报)")
# (不如实提供/不如实答复: an untrue answer to whoever asks for it, as 会计法第三十三条 如实提供…会计资料 in a check)
CHECKED_CONDUCT = re.compile(r"检查|调查|考核|核查|询问|虚假(?:的)?情况|真实情况|不如实(?:提供|答复)")
TRUTH = re.compile(r"(?:应当|必须)[^。；，]{0,12}如实(?:反映|提供|报告|说明|陈述|报送|提交)")
CHECK = re.compile(r"检查|调查|了解情况|考核|询问|核查|监督")
# (issue 17v) a duty to give true evidence (应当…提供真实、合法、充分的证明材料): broken by giving false evidence, wherever given
TRUE_EVIDENCE = re.compile(r"(?:应当|必须)[^。；]{0,40}提供真实(?:、[^，。；、]{1,4}){0,3}的?(?:证明)?(?:材料|资料|证明)")
NO_FALSE = re.compile(r"不得[^。；]{0,8}(?:提供|报送|提交)[^。；]{0,6}虚假")


def candour_conduct(conduct: str) -> str | None:
    """"checked" when the conduct gives false information to those who check or ask (在监督检查中提供虚假情况),
    "false" for other false information (提供虚假的信息), None when it gives none."""
    if not CANDOUR_CONDUCT.search(conduct):
        return None
    return "checked" if CHECKED_CONDUCT.search(conduct) else "false"


def candour_duty(text: str, kind: str) -> bool:
    """The unit forbids false information (不得提供虚假的信息和证明), or, for a "checked" conduct, requires the truth in a
    款 about a check or an inquiry (政府采购监督管理部门应当…进行检查，政府采购当事人应当如实反映情况; 监察机关…有权依法向有关
    单位和个人了解情况…。有关单位和个人应当如实提供)."""
    if NO_FALSE.search(text) or TRUE_EVIDENCE.search(text):
        return True
    return kind == "checked" and bool(TRUTH.search(text) and CHECK.search(text))
