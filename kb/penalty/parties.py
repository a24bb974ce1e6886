"""Whose duty a clause states, by its sentence's subject, and whose conduct a row punishes (issue 17q).

``kb.penalty.duties.duty_parties`` reads the words right before 应当/不得 and only parties of a few kinds
(…单位, …机构, …人员). These rules read the subject of the whole sentence, of any kind (外国人, 受教育者,
学校或者其他教育机构, 收购人), and hold in any law:

* ``other_party``: a duty whose bound subject is a specific party, none of them the row's offender, is
  not broken by the offender (出境入境管理法: 外国人非法就业 does not break a duty of 公民、组织; 教育法: 学校…招收学生
  does not break 第四十四条 受教育者应当…). Universal subjects (任何单位和个人, 单位和个人, 公民、法人或者其他组织)
  bind everyone.
* ``reporting_duty``: a duty to report what one finds (…发现外国人有非法居留情形的，应当及时…报告) is the
  finder's, never the duty of the party whose conduct is found, unless the conduct is itself a failure to report.
* ``public_subject``: the subject is a public body — …机关, …部门, …政府, …委员会, and a …机构 whose name says it
  supervises or enforces (国务院反垄断执法机构, 保险监督管理机构) — so the clause states its power or its duty,
  no duty of a private offender (反垄断法第三十四条 …执法机构应当作出禁止经营者集中的决定).
"""

from __future__ import annotations

import re

# where a subject ends: its first verb, preposition or comma (外国人|在中国境内工作, 公民、法人或者其他组织|发现)
SUBJECT_END = re.compile(r"应当|必须|不得|可以|有权|负有|负责|依法|依照|按照|根据|发现|(?<!所)在|对(?!外)|向|从事|违反|未|不|擅自|"
                         r"有(?!关)|将|以(?![上下内])|利用|非法|违法|拒绝|阻碍|接到|收到|发生|滥用|玩忽|徇私|泄露|贪污|挪用|[，：；。]")
SPLIT = re.compile(r"、|或者|以及|及其|和|或|及|与")
# the last characters of a name of a party (外国人, 受教育者, 保险公司, 教育机构, 传播媒介, 经营者)
NOMINAL = re.compile(r"(?:人|者|单位|企业|机构|组织|公司|学校|医院|银行|媒介|员|商|户|方|社|所|站|园|馆|厂|场|店|部门|机关|政府|"
                     r"委员会|协会|团体|中心|船舶|航空器)$")
GENERIC = {"单位", "个人", "组织", "其他组织", "公民", "法人", "自然人", "当事人", "有关单位", "有关人员", "社会组织", "用人单位"}
UNIVERSAL = re.compile(r"任何|一切|所有")
PUBLIC = re.compile(r"(?:国务院|人民政府|政府|机关|部门|(?:人民代表大会常务|监察|管理)委员会|(?:监督管理|执法|主管|行政|监察|海事管理|流域管理)机构|工作人员|执法人员)$")
BODY_GRANT = re.compile(r"(?:由|经)[^，。；]{2,30}?(?:审批|批准|核准|许可|登记)")
REPORT = re.compile(r"报告|举报|报送|通报|告知")
FOUND = re.compile(r"发现[^，。；]{2,60}(?:情形|行为|违法|非法)[^，。；]{0,10}的，[^。；]{0,20}(?:报告|举报|通报)")
DUTY_WORD = re.compile(r"应当|必须|(?<![无毋])须|不得|负有|负责|可以|有权|禁止|严禁")
LEADING = re.compile(r"^(?:但是|但|同时|其中|并且|此外|另外)，?")


def names(subject: str) -> list[str]:
    """The parties a subject names (公民、法人或者其他组织 → 公民, 法人, 其他组织), each a name of a party."""
    found = [part.strip() for part in SPLIT.split(subject) if part.strip()]
    return [name for name in found if 1 < len(name) <= 24 and NOMINAL.search(name)]


def subject_of(sentence: str) -> list[str]:
    """The parties a sentence binds: named right before its first duty or power word (…的，国务院反垄断执法机构应当…),
    else at its opening when a condition or a circumstance comes between (公民、法人或者其他组织发现…的，应当报告;
    外国人在中国境内工作，应当…); [] when it names none (禁止在…开垦: a prohibition binds everyone)."""
    verb = DUTY_WORD.search(sentence)
    head = LEADING.sub("", sentence[:verb.start()] if verb else sentence)
    segments = head.split("，")
    found = names(SUBJECT_END.split(segments[-1], maxsplit=1)[0])
    if found or len(segments) == 1:
        return found
    return names(SUBJECT_END.split(segments[0], maxsplit=1)[0])


def bound_subjects(text: str) -> list[list[str]]:
    """The parties each sentence of a unit binds ([] for a sentence naming none: 企业…自领取营业执照之日起三十日内…申报
    办理税务登记 states a duty without 应当)."""
    return [subject_of(sentence.strip()) for sentence in re.split(r"[。；\n]", text) if sentence.strip()]


def row_offender(conduct: str) -> list[str]:
    """The parties a conduct (with its 款 lead) names as its subject, in its first clause naming one
    (学校或者其他教育机构违反… → 学校, 其他教育机构; 发生…事故，有关地方人民政府…不立即… → 有关地方人民政府, 有关部门); [] if none."""
    for segment in re.sub(r"^违反本(?:法|条例)[^，]{0,30}规定，", "", conduct).split("，"):
        found = names(SUBJECT_END.split(segment, maxsplit=1)[0])
        if found:
            return found
    return []


def _specific(parties: list[str]) -> bool:
    return not any(UNIVERSAL.search(name) or name.lstrip("其他") in GENERIC or name in GENERIC for name in parties)


def _same(one: str, other: str) -> bool:
    """One party names the other (教育机构 / 其他教育机构; 证券公司 / 公司 is not: a bare head names anyone)."""
    one, other = one.removeprefix("其他"), other.removeprefix("其他")
    short, long = sorted((one, other), key=len)
    return len(short) > 1 and (long.endswith(short) or long.startswith(short)) and (short not in GENERIC or short == long)


def other_party(offender: list[str], text: str) -> bool:
    """Every duty sentence of the unit binds a specific party that is not the offender (and no public body:
    those are ``public_subject``'s)."""
    bound = bound_subjects(text)
    if not offender or not bound:
        return False
    return all(parties and _specific(parties) and not any(PUBLIC.search(name) for name in parties)
               and not any(_same(mine, theirs) for mine in offender for theirs in parties) for parties in bound)


def public_subject(text: str) -> bool:
    """Every sentence of the unit has a public body, and only public bodies, as its subject (任何机关 binds every body
    it addresses, as 任何单位 does); a permit a body grants (…由…部门审批) is every applicant's duty."""
    if BODY_GRANT.search(text):
        return False            # 水产种质资源的进口、出口由…主管部门审批: a permit every importer needs
    bound = bound_subjects(text)
    return bool(bound) and all(parties and all(PUBLIC.search(name) and not UNIVERSAL.search(name) for name in parties)
                               for parties in bound)


def public_offender(offender: list[str]) -> bool:
    """The row punishes a public body or its staff (反垄断执法机构工作人员滥用职权…): rules for private offenders do not apply."""
    return any(PUBLIC.search(name) for name in offender)


def reporting_duty(text: str, conduct: str) -> bool:
    """The unit binds whoever finds a conduct to report it; a conduct that is no failure to report does not break it."""
    return bool(FOUND.search(text)) and not REPORT.search(conduct)
