"""Obtaining by deceit (弄虚作假骗取…) breaks a duty about deceit or truth, not one that only names what was obtained (issue 17zz).

Sample 36 #1: 出境入境管理法第七十三条 (弄虚作假骗取签证、停留居留证件等出境入境证件) linked 第九十二条 (外国人申请办理签证、…证件…的，
应当按照规定缴纳签证费、证件费) at 0.37, on the names of the papers alone: the law has no duty not to cheat (none is right). A
conduct whose act is to obtain by deceit — 骗取 after a means of deceit (弄虚作假, 欺诈, 欺骗, 虚假, 伪造, 虚报, 隐瞒, 冒领) — breaks a
款 that bans the deceit or requires the truth (不得…弄虚作假，骗取中标; 应当如实…; 提供真实…材料; 不得骗取…), never a 款 whose words
hold none of that: such a 款 is about the thing obtained (its fee, its term, who settles its costs), not about how it was obtained.
It is a veto, not a filter: when the 款 the match ranks first holds no such word, the row links none (``kb.penalty.links``).
Dropping those 款 from the match instead let a weak 款 holding 伪造 in another sense (期货和衍生品法第一百一十七条, records that
任何人不得…伪造) become the link of a row that had none: worse, so the rule only ever removes a link.

``deceit_conduct(conduct)``: the conduct obtains by deceit and does nothing else first (克扣、截留、挪用…或者骗取… is not: its first
act is 克扣). ``no_deceit_duty(text, conduct)``: for such a conduct, the unit speaks neither of deceit nor of truth.
"""

from __future__ import annotations

import re

# the conduct opens (after its party, at most) with a means of deceit, then 骗取 within the same stretch
# and 骗取 is the conduct's last act: not a thing's attribute (持用伪造、变造、骗取的出境入境证件) nor the means of another act
# (采取欺骗手段骗取批准，非法占用土地)
DECEIT_CONDUCT = re.compile(r"^[^，；。、]{0,12}?(?:弄虚作假|欺诈|欺骗|虚假|伪造|虚报|隐瞒|冒领)[^；。]{0,40}?骗取(?!的)[^，；。]*$")
TRUTH_WORDS = re.compile(r"骗|欺|诈|虚假|虚报|如实|真实|弄虚作假|隐瞒|伪造|变造|冒")


def deceit_conduct(conduct: str) -> bool:
    """The conduct obtains by deceit (弄虚作假骗取签证; 以欺诈、伪造证明材料等手段骗取社会保险待遇)."""
    return bool(DECEIT_CONDUCT.search(conduct))


def no_deceit_duty(text: str, conduct: str) -> bool:
    """For a conduct obtaining by deceit: the unit holds no word of deceit or truth (…应当按照规定缴纳签证费)."""
    return deceit_conduct(conduct) and not TRUTH_WORDS.search(text)
