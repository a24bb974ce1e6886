"""Who a penalty row sanctions (used by ``kb.penalty.links``): the offender's words and party, whether the
offender is a public body or an official (``official_row``), and whether the row only refers to other
liability (``referral_only``: 治安管理处罚、刑事、民事).
"""

from __future__ import annotations

import re

from kb.penalty.duties import party
from kb.penalty.rows import PenaltyRow

DERELICTION = re.compile(r"玩忽职守|滥用职权|徇私舞弊|失职|渎职|不依法履行|不履行[^，；。]{0,8}职责|(?:不依法|不予|未依法)查处|"
                         r"准予行政许可|(?:非法|违法)批准|超越批准权限|利用职务上的便利|"
                         # (issue 17gg) an authority's grant to whoever lacks its conditions (对不具备相应资质等级条件的单位颁发…证书)
                         r"对[^，；。]{0,30}不(?:具备|符合)[^，；。]{0,20}(?:颁发|核发|发放|发给)[^，；。]{0,12}(?:证书|许可证|执照|证件)")
GOVERNMENT_BODY = re.compile(r"国务院|人民政府|部门|机关")
REFERRALS = {"追究刑事责任", "承担民事责任", "依法处罚（依照其他规定）"}
OFFICIAL = re.compile(r"国务院|人民政府|主管部门|有关部门|监督管理部门|管理机构|机关|工作人员|公职人员|执法人员|警察")
PRIVATE = re.compile(r"单位|企业|经营者|个人|公民|法人|者")
ROW_SUBJECT_END = re.compile(r"违反|有下列|有前|发现|未|不|擅自|在|对|将|以(?![上下内])|利用|非法|违法|拒绝|阻碍|截留|挪用|，")
LEAD_NOISE = re.compile(r"^违反本(?:法|条例)[^，]{0,30}规定，")
FINE_TARGET = re.compile(r"对(?P<target>[^，；。处]{2,20}?)处")


def _subject(row: PenaltyRow) -> str:
    """The words naming the offender: an item's 款 lead up to 有下列 (…的部门及其工作人员有下列行为之一的),
    else (or when the lead names no one) the conduct's words before its verb."""
    if row.item:
        lead = ROW_SUBJECT_END.split(LEAD_NOISE.sub("", row.lead), maxsplit=1)[0]
        if lead:
            return lead
    return ROW_SUBJECT_END.split(LEAD_NOISE.sub("", row.conduct), maxsplit=1)[0]


def official_row(row: PenaltyRow) -> bool:
    """The offender is a public body or an official: the conduct is a dereliction of office (玩忽职守、
    滥用职权、不依法查处…) by no named private party (特种设备作业人员不履行岗位职责 is not one), or its
    subject names a public body (国务院有关部门和…地方各级人民政府违反本法规定…, 公安机关工作人员有下列
    行为之一的: the lead, not the item's words, whose 或者 is no private party) and it is not fined."""
    subject = _subject(row)
    named = party(subject)
    text = f"{row.lead.split('下列')[0]}{row.conduct}" if row.item else row.conduct
    if DERELICTION.search(text) and not (named and not OFFICIAL.search(named)):
        return True
    fined = any(s.fines or s.detentions for s in row.sanctions)
    # 或者 between government bodies names no private party (地方各级人民政府或者各级人民政府有关部门违反本法规定…)
    plain = subject.replace("或者", "") if GOVERNMENT_BODY.search(subject) else subject
    return bool(OFFICIAL.search(subject)) and not PRIVATE.search(plain) and not fined


def bare_dereliction(row: PenaltyRow) -> bool:
    """Officials' 滥用职权、玩忽职守、徇私舞弊 and nothing else: no one duty article is broken, so none is linked."""
    subject = _subject(row)
    text = row.conduct[len(subject):] if subject and row.conduct.startswith(subject) else row.conduct
    # (issue 17t) 在实施监督检查中…违反本法规定滥用职权 is bare too: the circumstance and the generic 违反本法规定 name no duty
    text = re.sub(r"在[^，；。]{0,20}(?:职责|工作|管理|活动|检查|审查|考核|执法)中|违反本(?:法|条例)(?:有关)?规定|滥用职权|玩忽职守|徇私舞弊|或者|[，、的]", "", LEAD_NOISE.sub("", text))
    return official_row(row) and bool(DERELICTION.search(row.conduct)) and not text


COURT = re.compile(r"^(?:各级)?(?:人民法院|人民检察院|法院)")


def court_power(row: PenaltyRow) -> bool:
    """The row states a court's power in a case it hears (著作权法第五十八条 人民法院审理案件，对于侵犯著作权…的，可以没收…):
    the court breaks no duty, and the infringement it sanctions is named by no duty clause of its own (issue 17t)."""
    return bool(COURT.match(LEAD_NOISE.sub("", row.conduct)) or (row.item and COURT.match(LEAD_NOISE.sub("", row.lead))))


# (issue 17dd) 依照《产品质量法》…等法律、行政法规的规定查处: a sanction by laws it names, which the measures do not list
# (not 依照有关法律、行政法规的规定给予处罚 after 违反国家规定: on the whole table that matched 4 rows of 禁毒法, 1 right)
# a consequence the sanction parser lists under no measure (issue 17gg): the row is no criminal-only row
# (issue 17hh) 行政机关应当依法给予行政处罚: an administrative penalty by other rules, more than criminal liability too
UNREAD_CONSEQUENCE = re.compile(r"追究[^，；。]{0,30}(?:行政|纪律|赔偿)责任|承担[^，；。]{0,10}赔偿责任|撤销|"
                                r"(?:给予|予以)[^，；。]{0,4}行政处罚")
OTHER_LAWS = re.compile(r"依照《[^。；]{0,120}(?:规定|法)[^。；，]{0,6}(?:查处|处罚|处理)")


def _criminal_only(row: PenaltyRow) -> bool:
    """The only consequence is criminal liability: not so when a sanction refers to laws it names (依照《…》…的规定查处), which
    makes the row a referral (``referral_only``; 标准化法第三十七条 不符合强制性标准 breaks 第二十五条)."""
    measures = {m for s in row.sanctions for m in s.measures}
    if any(not s.measures and OTHER_LAWS.search(s.text) for s in row.sanctions):
        return False
    if any(UNREAD_CONSEQUENCE.search(s.text.replace("追究刑事责任", "")) for s in row.sanctions):
        return False        # (issue 17gg) 撤销其擅自作出的决定…追究…的行政责任; 吊销机动车驾驶证: more than a referral to criminal law
    return measures == {"追究刑事责任"} and not any(s.fines or s.detentions for s in row.sanctions)


def referral_only(row: PenaltyRow) -> bool:
    """The row sanctions nothing itself: it refers to civil, criminal or other laws' liability
    (造成他人损害的，依法承担民事责任；构成违反治安管理行为的，依法给予治安管理处罚…)."""
    measures = {m for s in row.sanctions for m in s.measures}
    return measures <= REFERRALS and not any(s.fines or s.detentions for s in row.sanctions)


def offender(row: PenaltyRow) -> str | None:
    """The party the row sanctions: the conduct's (or its 款 lead's) subject, else the target of its
    first fine (…的，由…对建设单位处…罚款)."""
    text = f"{row.lead.split('下列')[0]}{row.conduct}" if row.item else row.conduct
    subject = ROW_SUBJECT_END.split(LEAD_NOISE.sub("", text), maxsplit=1)[0]
    # (issue 17hh) an item with no subject of its own (a party, then its act: 有关单位拒绝…) has its lead's:
    # 诬告陷害公职人员 names whom the act is against, not who acts
    own = ROW_SUBJECT_END.split(row.conduct, maxsplit=1)
    lead = ROW_SUBJECT_END.split(LEAD_NOISE.sub("", row.lead), maxsplit=1)[0] if row.item and len(own) == 1 else ""
    found = party(lead) or party(subject)
    if found:
        return found
    for sanction in row.base:
        match = FINE_TARGET.search(sanction.text)
        if match and party(match.group("target")):
            return party(match.group("target"))
    return None


def disciplinary_only(row: PenaltyRow) -> bool:
    """The row's only sanction is 处分 (with orders): it reaches public servants, so its offender is a public body's
    (水法第七十五条 不同行政区域之间发生水事纠纷，有下列行为之一的，…依法给予行政处分), whatever its conduct names."""
    measures = {m for s in row.sanctions for m in s.measures}
    return "给予处分" in measures and all(m == "给予处分" or m.startswith("责令") for m in measures) \
        and not any(s.fines or s.detentions for s in row.sanctions)
