"""Whose duty a clause states, and whether it states one (used by ``kb.penalty.links``).

``states_duty``: the text binds someone (应当, 不得, 负责…) — a list of what a document records (排污许可证应当
记载下列信息：…) binds no one, whatever its items say. ``duty_parties``: the parties bound (土壤污染责任人、
土地使用权人应当…; 应当由土地使用权人…); a body's staff (…主管部门及其工作人员不得…) are that body.
A clause that only permits (…应当承担赔偿责任的，可以优先使用风险准备金予以赔偿) or only lists the causes of an end (有下列情形
之一时，应当解散) states no duty either (issue 17v). ``binds_only_public_bodies``: every sentence binds a public body only.
"""

from __future__ import annotations

import re

from kb.clause import Clause

# a sentence binding a public body: its subject (the words before its verb) names one and no one else
SUBJECT_END = re.compile(r"应当|必须|不得|可以|负责|有权|依法|按照|会同|组织|建立|制定|划定|采取|加强|根据|对|在|，")
GOVERNMENT = re.compile(r"国务院|国家|人民政府|主管部门|有关部门|监督管理部门|流域管理机构|海事管理机构|机关|委员会|协调机制")
# (issue 17dd) …成员: a committee's members (评标委员会成员不得收受…) are persons bound, not the committee as a public body
NON_GOVERNMENT = re.compile(r"单位|企业|经营者|个人|公民|法人|者|船舶|所有人|使用人|机构|学校|医院|组织|成员")
AUTHORITY_ACT = re.compile(r"不得(?:核发|批准|颁发|发放|审批)|不予(?:批准|核发|许可|登记|颁发|审批)")
# a duty addressed to someone; a clause without one (a fund, an office's list of functions) is a weak match
DUTY = re.compile(r"应当|必须|不得|禁止|严禁|负有|负责|有义务|(?<![无毋])须|实行[^。；]{0,30}(?:制度|管理)")
# the party a subject names: its last noun of this kind (建设单位, 车辆驾驶人, 生产经营单位, 药品检验机构)
PARTY = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:单位|企业|经营者|驾驶人|所有人|管理人|使用人|责任人|使用权人|生产者|销售者|"
                   r"承运人|托运人|船舶|机构|个人|人员)")
# the public body a subject names (农业农村主管部门, 动物卫生监督机构): whose duty an officials' row breaks
BODY = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:部门|机构|机关|政府)")
# a segment that ends in a party's name (…检验检测机构以及…的单位), not in a condition's 的
NAMED_END = re.compile(r"(?:单位|企业|经营者|机构|部门|机关|政府|人员|个人|组织)$")
# 直接负责的主管人员 names the persons a sanction reaches, not a party bound
RESPONSIBLE = re.compile(r"直接负责的主管人员")
# 排污许可证应当记载下列信息 / 合同应当包括下列内容: the items are the contents of a document, not duties
CONTENT_LIST = re.compile(r"^[^。：]{0,30}?(?:应当)?(?:记载|载明|包括|列明|注明|写明)(?:以)?下列(?:信息|事项|内容)")
# (issue 17v) the causes of an end (个人独资企业有下列情形之一时，应当解散：) bind no one: the items are circumstances
CIRCUMSTANCES = re.compile(r"^[^。：]{0,40}?有下列情形之一(?:的|时)?，[^。：]{0,10}?应当(?:解散|终止|注销|清算|撤销)[^。：]{0,10}：")
# a permission (…可以…, …有权…) whose only duty words sit in its condition (…造成损失，应当承担赔偿责任的，可以优先使用风险准备金)
PERMISSION = re.compile(r"可以|有权")
CONDITION = re.compile(r"[^，。；：]*的，")
STAFF = re.compile(r"(?<=部门|机关|机构|政府)(?:及其|的)?(?:工作|执法)人员|及其(?:工作|执法)?人员")


def states_duty(text: str) -> bool:
    """The text binds someone (应当, 不得, 负责…); 直接负责的主管人员 names the persons a sanction reaches."""
    if CONTENT_LIST.match(text.strip()) or CIRCUMSTANCES.match(text.strip()):
        return False
    text = RESPONSIBLE.sub("", text)
    if PERMISSION.search(text) and not DUTY.search(CONDITION.sub("", text)):
        return False     # (issue 17v) only permits: 可以 once a duty (in its condition) is met
    return bool(DUTY.search(text))

# (issue 17dd) 未经公安机关批准，运输危险化学品的车辆不得进入…: the body granting a permit is no subject of the duty
PERMIT_FIRST = re.compile(r"^未(?:经|取得)[^，。；]{0,30}(?:批准|许可|同意|核准|审批|登记|备案|证|证书|证件)，")


def binds_only_public_bodies(text: str) -> bool:
    """Every sentence binds a public body only: its subject names one (国务院…, 县级以上人民政府…) and no
    one else is bound before its last 应当/必须/不得 (任何单位、禁止…, …和管理单位应当 are not); or
    it rules an authority's act (不得核发采伐许可证). A leading permit condition (未经公安机关批准，) is no subject."""
    sentences = [PERMIT_FIRST.sub("", s.strip()) for s in re.split(r"[。；\n]", text) if s.strip()]
    for sentence in sentences:
        if AUTHORITY_ACT.search(sentence):
            continue
        end = SUBJECT_END.search(sentence)
        subject = sentence[:end.start()] if end else sentence
        duties = [m.start() for m in re.finditer(r"应当|必须|不得", sentence)]
        bound = sentence[:duties[-1]] if duties else subject
        if not GOVERNMENT.search(subject) or NON_GOVERNMENT.search(bound) or re.search(r"禁止|严禁|任何", sentence):
            return False
    return bool(sentences)

def party(text: str, pattern: re.Pattern = PARTY) -> str | None:
    """The last party named in a subject (生产经营单位的从业人员 -> 从业人员); None when it names none."""
    found = pattern.findall(STAFF.sub("", text))
    return found[-1] if found else None


def same_party(one: str, other: str) -> bool:
    """车辆驾驶人 is a 驾驶人; a bare 单位 or 人员 names no one in particular, nor does one after a 的 (…等单位的人员
    and 从事…法制审核的人员 share only 的人员: issue 17hh)."""
    short, long = sorted((one.lstrip("的"), other.lstrip("的")), key=len)
    # (issue 17uu) a name negated by 非 is the other party: 非机动车驾驶人 is no 机动车驾驶人
    return len(short) > 2 and long.endswith(short) and not long[:len(long) - len(short)].endswith("非")


# words every body's name may hold: they tell no body from another
COMMON_BODY_WORDS = re.compile(r"人民|政府|国家|地方|以上|县级|各级|有关|主管|部门|机构|机关|负责|依法|管理|监督|工作|本级|上级")


def same_body(one: str, other: str) -> bool:
    """The same public body: ``same_party``, or two names of one kind (…机关, …机构, …部门) sharing a word that
    is no body's common word (投资项目的机关 and 依法负责项目审批的机关: 项目; issue 17l), or its staff (商检机构: 商检工作人员)."""
    if same_party(one, other):
        return True
    staff = other.endswith("工作人员")     # 商检工作人员 are 商检机构's staff
    if one[-2:] != other[-2:] and not staff:
        return False
    return bool(body_words(one) & body_words(other))


def body_words(name: str, title: str = "") -> set[str]:
    """The two-character words that tell a body apart (投资项目的机关: 投资、资项、项目), none of a body's common words
    nor of the law's title (特种设备安全法's 负责特种设备安全监督管理的部门 has none)."""
    name = COMMON_BODY_WORDS.sub("|", re.sub(r"(?:部门|机构|机关|政府|工作人员)$", "", name))
    return {name[i:i + 2] for i in range(len(name) - 1)
            if "|" not in name[i:i + 2] and "的" not in name[i:i + 2] and name[i:i + 2] not in title}


# (issue 17yy) two-character kinds listed before one head (建设、设计、施工和监理单位): each kind with the head is a party
LISTED_KINDS = re.compile(r"(?<![\u4e00-\u9fff])(?P<kinds>(?:[\u4e00-\u9fff]{2}、)+[\u4e00-\u9fff]{2}(?:和|或者|及|以及)[\u4e00-\u9fff]{2})"
                          r"(?P<head>单位|企业|机构)")


def listed_kinds(subject: str) -> set[str]:
    """The parties of kinds listed before one head (…的建设、设计、施工和监理单位 → 建设单位, 设计单位, 施工单位, 监理单位)."""
    found = set()
    for match in LISTED_KINDS.finditer(subject.replace("的", " ")):
        found.update(kind + match.group("head") for kind in re.split(r"、|和|或者|以及|及", match.group("kinds")) if len(kind) == 2)
    return found


def duty_parties(text: str, pattern: re.Pattern = PARTY) -> set[str]:
    """Parties bound in a unit: those named before each 应当/必须/不得/负有 (土壤污染责任人、土地使用权人应当…)
    and after 应当由 (…前，应当由土地使用权人按照规定进行…)."""
    parties = set()
    for match in re.finditer(r"应当由(?P<by>[^，。；]{2,30}?)(?:按照|依照|依法|进行|负责|组织|对|，)|应当|必须|不得|负有", text):
        if match.group("by"):
            parties.update(pattern.findall(STAFF.sub("", match.group("by"))))
            continue
        start = max(text.rfind(mark, 0, match.start()) for mark in "，。；：")
        subject = text[start + 1:match.start()]
        while pattern is BODY and not subject.strip() and start > 0 and text[start] == "，":
            # (issue 17cc) the bodies of a list set off by commas before its duty (卫生健康主管部门、疾病预防控制部门，医疗卫生
            # 机构…以及…的单位，应当…报告): each segment back that ends in a party's name, not a condition (…的，应当)
            before = max(text.rfind(mark, 0, start) for mark in "，。；：")
            segment = text[before + 1:start]
            if not NAMED_END.search(segment):
                break
            parties.update(pattern.findall(STAFF.sub("", segment)))
            start = before
        parties.update(pattern.findall(STAFF.sub("", subject)))
        if pattern is PARTY:
            parties.update(listed_kinds(subject))
    return {found.lstrip("、和或及") for found in parties}


def units_of(clause: Clause) -> list[tuple[int, str]]:
    """(paragraph, text) units of an obligation article: each 款, and each 项 with its 款's lead."""
    units = []
    for para in clause.paragraphs():
        units.append((para.index, para.full_text))
        for item in para.items:
            units.append((para.index, f"{para.text}{item}"))
    return units
