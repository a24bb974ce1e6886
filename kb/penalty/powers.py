"""Rows that are an agency's powers, not offences (issue 17d: 消防法第五十四条 was a penalty-table row).

A 监督检查 chapter says what a body does on finding a conduct (…发现火灾隐患的，应当通知…；…采取临时查封
措施); ``kb.penalty.rows`` cuts such a sentence like a sanction clause. Outside a 法律责任 chapter, a
row whose subject is a public body and that punishes nothing (no fine, detention, 没收, 吊销, 处分…) is
the body's power, and ``parse_clause`` drops it. So is, there, a row whose only measures are 行政强制
(查封、扣押、冻结、先行登记保存…), whoever its subject: 生态环境法典第五十二条 (企业事业单位…违反法律法规规定，
造成或者可能造成严重污染…的，…部门可以查封、扣押…) is a power of inspection, not a liability (issue 17l).
So, too, is a row there whose only measures are orders (责令改正、责令停止…、责令召回) and such 行政强制, with no
sanction: 疫苗管理法第七十三条第二款 (未依照前款规定停止…召回疫苗的，…部门应当责令停止…) is the supervising body's
order in the 监督管理 chapter, not a liability (issue 17n).
"""

from __future__ import annotations

import re

LIABILITY_PART = re.compile(r"法律责任|罚则")
AGENCY = re.compile(r"国务院|人民政府|部门|机关|(?:管理|监督|救援|执法|派出|行政)机构|工作人员|执法人员|委员会")
PUNITIVE = re.compile(r"罚款|没收|吊销|撤销|处分|警告|停业|停产|关闭|取缔|降低资质|拘留")
NOT_AGENCY = re.compile(r"单位|企业|经营者|个人|公民|法人")
# 行政强制措施: a measure securing evidence or stopping harm, not a sanction
COERCIVE = re.compile(r"^(?:查封|扣押|冻结|先行登记保存|登记保存|封存|暂扣|扣留|强制隔离|隔离)(?:[、和或者]*(?:查封|扣押|冻结|先行登记保存|"
                      r"登记保存|封存|暂扣|扣留|强制隔离|隔离))*[^，；。]{0,20}$")
# a body's power (海警机构有权责令…, 有权予以制止): what it may do, not a sanction (issue 17cc)
POWER = re.compile(r"有权")
# an order to the offender (责令改正, 责令停止生产、使用, 责令召回): no sanction by itself
ORDER = re.compile(r"^责令")
SANCTION_LATER = re.compile(rf"{PUNITIVE.pattern}|罢免|解聘|撤职|开除|辞退|取消[^，；。]{{0,8}}资格|追究[^，；。]{{0,4}}责任")
CONDUCT_SUBJECT_END = re.compile(r"违反|有下列|有前|发现|未|不|擅自|在|对|将|以|利用|非法|违法|拒绝|阻碍|截留|挪用|应当|依法|可以|，")


def _after_conduct(row) -> str:
    """The words of the row's 款 after its conduct (its sanctions, including those of 期满不改正的…)."""
    paragraphs = row.clause.paragraphs()
    text = paragraphs[row.paragraph - 1].text if 0 < row.paragraph <= len(paragraphs) else row.clause.text
    start = text.find(row.conduct)
    return text[start + len(row.conduct):] if start >= 0 else text


def agency_power(row) -> bool:
    """Outside a 法律责任 chapter, an unfined "conduct" whose subject is a public body is the body's own
    power or duty (消防救援机构在消防监督检查中发现火灾隐患的，应当通知…；…采取临时查封措施), not an offence."""
    if not row.clause.path or any(LIABILITY_PART.search(part) for part in row.clause.path):
        return False            # a law without chapters (黑土地保护法) has no 法律责任 chapter to tell
    if any(s.fines or s.detentions or PUNITIVE.search(" ".join(s.measures)) for s in row.sanctions):
        return False            # …的，由…没收违法所得，处…罚款 is an offence wherever it stands
    measures = [m for s in row.sanctions for m in s.measures]
    if row.sanctions and all(POWER.search(s.text) for s in row.sanctions):
        return True             # (issue 17cc) …的，海警机构有权责令其停止…；…有权予以制止或者强制拆除: the body's power
    if measures and all(COERCIVE.match(m) for m in measures):
        return True             # 可以查封、扣押…: an enforcement power, whoever the conduct's subject
    # orders only, with no sanction written anywhere in the row (期满不改正的，由商标局撤销其注册商标 and 罢免、解聘
    # are sanctions the measures may miss): 应当责令改正 is a power of supervision
    if (measures and all(COERCIVE.match(m) or ORDER.match(m) for m in measures)
            and not SANCTION_LATER.search(_after_conduct(row))):
        return True
    text = f"{row.lead.split('下列')[0]}{row.conduct}" if row.item else row.conduct
    if text.startswith("违反"):
        return False            # 违反本法规定，…: the law's own offence
    subject = CONDUCT_SUBJECT_END.split(text, maxsplit=1)[0]
    return bool(AGENCY.search(subject)) and not NOT_AGENCY.search(subject)


# (issue 17ii) a 款 whose only modal is a public body's power (…部门…可以决定…实施管制，可以禁止使用现金…; …机构可以责令发行人回购
# 证券，或者责令负有责任的控股股东…买回证券): 可以禁止 and 负有责任的 state no duty, and the power binds nobody the conduct names
BODY_POWER = re.compile(r"(?:部门|机构|机关|政府|委员会)[^，；。]{0,40}?(?:可以|有权)")
POWER_WORDS = re.compile(r"(?:可以|有权)[^，；。]{0,6}?(?:禁止|严禁)|负有(?:直接)?责任的")
# a conduct defying the body's decision or order (拒不执行…限期迁离决定) breaks the power's 款 all the same
DEFIES = re.compile(r"(?:拒不|不|拒绝)(?:执行|服从|履行)|决定|命令|责令")
POWER_DUTY = re.compile(r"应当|必须|不得|禁止|严禁|负有|负责|有义务|(?<![无毋])须")


def power_only(text: str) -> bool:
    """The unit states a public body's power (…部门可以…/有权…) and, its power words aside, no duty of anyone."""
    return bool(BODY_POWER.search(text)) and not POWER_DUTY.search(POWER_WORDS.sub("", text))
