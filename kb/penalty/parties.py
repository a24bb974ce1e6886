"""Whose duty a clause states, by its sentences' subjects, and whose conduct a row punishes (issue 17q).

``kb.penalty.duties`` reads the words right before 应当/不得 and only parties of a few kinds (…单位, …机构, …人员). These
rules read the subject of each sentence, after a leading condition (…的，国务院反垄断执法机构应当…) or at the sentence's
opening when a circumstance comes between (外国人在中国境内工作，应当…), and hold in any law:

* ``public_subject``: every sentence has a public body as its subject — …机关, …部门, …政府, and a …机构 whose name says it
  supervises or enforces (国务院反垄断执法机构, 保险监督管理机构) — so the clause states the body's power or duty, no duty
  of a private offender (反垄断法第三十四条 …执法机构应当作出禁止经营者集中的决定; 保险法第一百五十四条 …可以采取下列措施).
  A sentence naming no party (禁止在…开垦; 水产种质资源的进口、出口由…审批) may bind anyone, so the clause is not.
* ``reporting_duty``: a duty to report what one finds (公民、法人或者其他组织发现外国人有非法居留情形的，应当及时…报告) is
  the finder's, never the duty of the party whose conduct is found, unless the conduct is itself a failure to report.
* ``row_offender`` / ``public_offender``: the parties a conduct names as its subject; a public one (…部门的工作人员,
  有关地方人民政府) keeps its body's duties whatever the officials' test (``kb.penalty.offenders.official_row``) said.

Not shipped (benchmarks/penalty_handcheck.md, issue 17q): excluding every clause whose subject is another specific party
than the offender (受教育者 for 学校). Names of parties differ in form more than in meaning (放射性固体废物产生者 /
产生放射性固体废物的单位, 保险公司 / 保险人, 特种设备使用单位 / 锅炉使用单位): it lost a labelled row and gained none.
"""

from __future__ import annotations

import re

# where a subject ends: its first verb, preposition or comma (外国人|在中国境内工作, 公民、法人或者其他组织|发现)
# (issue 17yy) 负责专利执法的部门根据…，有权…: 负责 opening "…的部门/机关/机构" is part of a body's name (a body named by its
# task), not the verb that ends the subject or the duty word of the sentence
TASK_NAME = r"(?![^，；。的]{1,20}的[^，；。的]{0,8}?(?:部门|机关|机构))"
SUBJECT_END = re.compile(rf"应当|必须|不得|可以|有权|负有|负责{TASK_NAME}|依法|依照|按照|根据|发现|(?<!所)在|对(?!外)|向|从事|违反|未|不|擅自|"
                         r"有(?!关)|将|以(?![上下内])|利用|非法|违法|拒绝|阻碍|也|均|都|亦|接到|收到|发生|滥用|玩忽|徇私|泄露|贪污|挪用|[，：；。]")
SPLIT = re.compile(r"、|或者|以及|及其|和|或|及|与")
# the last characters of a name of a party (外国人, 受教育者, 保险公司, 教育机构, 传播媒介, 经营者)
NOMINAL = re.compile(r"(?:人|者|民|单位|企业|机构|组织|公司|学校|医院|银行|媒介|员|商|户|社|部门|机关|政府|委员会|协会|团体|中心|"
                     r"船舶|航空器)$")
UNIVERSAL = re.compile(r"任何|一切|所有")
PUBLIC = re.compile(r"(?:国务院|人民政府|政府|机关|部门|(?:人民代表大会常务|监察|管理)委员会|(?:监督管理|执法|主管|行政|监察|海事管理|流域管理)机构|工作人员|执法人员)$")
ITEM = re.compile(r"\n?（[一二三四五六七八九十]+）[^\n]*")
REPORT = re.compile(r"报告|举报|报送|通报|告知")
FOUND = re.compile(r"发现[^，。；]{2,60}(?:情形|行为|违法|非法)[^，。；]{0,10}的，[^。；]{0,20}(?:报告|举报|通报)")
DUTY_WORD = re.compile(rf"应当|必须|(?<![无毋])须|不得|负有|负责{TASK_NAME}|可以|有权|禁止|严禁")
# a sentence that opens with a finding, a condition or a duty word and names no party of its own continues the subject of
# the sentence before it (移民管理、海关、海警等部门发现…的，应当及时通知公安机关。发现相关人员…的，应当依法扣留; issue 17cc);
# not a prohibition (禁止…, 任何…: it binds everyone)
ELLIPSIS = re.compile(r"^(?:发现|接到|收到|应当|必须|并|还应当|同时)(?![^。；]*(?:禁止|严禁|任何))")
LEADING = re.compile(r"^(?:但是|但|同时|其中|并且|此外|另外)，?")


def names(subject: str) -> list[str]:
    """The parties a subject names (公民、法人或者其他组织 → 公民, 法人, 其他组织), each a name of a party."""
    found = [part.strip() for part in SPLIT.split(subject) if part.strip()]
    return [name for name in found if 1 < len(name) <= 24 and NOMINAL.search(name)]


def subject_of(sentence: str) -> list[str]:
    """The parties a sentence binds: for each duty or power word, those named right before it (…的，国务院反垄断执法
    机构应当…; 投保人不得…，保险人也不得承保), else at the sentence's opening when a condition or a circumstance comes
    between (公民、法人或者其他组织发现…的，应当报告; 外国人在中国境内工作，应当…); [] when a duty names no one (禁止在…
    开垦: a prohibition binds everyone)."""
    sentence = LEADING.sub("", sentence)
    segments = sentence.split("，")
    opening = names(SUBJECT_END.split(segments[0], maxsplit=1)[0])
    found: list[str] = []
    for index, segment in enumerate(segments):
        verb = DUTY_WORD.search(segment)
        if not verb:
            continue
        here = names(SUBJECT_END.split(LEADING.sub("", segment[:verb.start()]), maxsplit=1)[0])
        if not here and (index == 0 or not opening):
            return []
        found.extend(here or opening)
    return found if found else opening


def bound_subjects(text: str) -> list[list[str]]:
    """The parties each sentence of a unit binds ([] for a sentence naming none: 企业…自领取营业执照之日起三十日内…申报
    办理税务登记 states a duty without 应当)."""
    text = ITEM.sub("", text)        # an item's party is its lead's (受教育者应当履行下列义务：（四）遵守所在学校…)
    bound: list[list[str]] = []
    for sentence in (s.strip() for s in re.split(r"[。；\n]", text)):
        if not sentence:
            continue
        found = subject_of(sentence)
        if not found and bound and bound[-1] and ELLIPSIS.match(sentence):
            found = bound[-1]       # (issue 17cc) …部门发现…的，应当及时通知…。发现…的，应当依法扣留: the same subject
        bound.append(found)
    return bound


def row_offender(conduct: str) -> list[str]:
    """The parties a conduct (with its 款 lead) names as its subject, in its first clause naming one
    (学校或者其他教育机构违反… → 学校, 其他教育机构; 发生…事故，有关地方人民政府…不立即… → 有关地方人民政府, 有关部门); [] if none."""
    for segment in re.sub(r"^违反本(?:法|条例)[^，]{0,30}规定，", "", conduct).split("，"):
        found = names(SUBJECT_END.split(segment, maxsplit=1)[0])
        if found:
            return found
    return []


def public_subject(text: str) -> bool:
    """Every sentence of the unit has a public body, and only public bodies, as its subject (任何机关 binds every body
    it addresses, as 任何单位 does); 水产种质资源的进口、出口由…部门审批 names no party, so it is not."""
    bound = bound_subjects(text)
    return bool(bound) and all(parties and all(PUBLIC.search(name) and not UNIVERSAL.search(name) for name in parties)
                               for parties in bound)


def public_offender(offender: list[str]) -> bool:
    """The row punishes a public body or its staff (反垄断执法机构工作人员滥用职权…): rules for private offenders do not apply."""
    return any(PUBLIC.search(name) for name in offender)


def reporting_duty(text: str, conduct: str) -> bool:
    """The unit binds whoever finds a conduct to report it; a conduct that is no failure to report does not break it."""
    return bool(FOUND.search(text)) and not REPORT.search(conduct)


PERMITTED = re.compile(r"可以|有权")


def permission_holders(text: str) -> list[str]:
    """The parties a unit that states no duty permits something (劳动者可以立即解除劳动合同 → 劳动者; issue 17cc): the names
    right before each 可以/有权, else at its sentence's opening; [] when one names no one."""
    holders: list[str] = []
    for sentence in re.split(r"[。；\n]", ITEM.sub("", text)):
        sentence = LEADING.sub("", sentence.strip())
        opening = names(SUBJECT_END.split(sentence.split("，")[0], maxsplit=1)[0])
        for segment in sentence.split("，"):
            verb = PERMITTED.search(segment)
            if verb:
                here = names(SUBJECT_END.split(segment[:verb.start()], maxsplit=1)[0]) or opening
                if not here:
                    return []
                holders.extend(here)
    return holders

