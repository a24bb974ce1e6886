"""Links to a clause that is no duty of the offender for its act (issue 17pp).

Samples 25, 29 and 30 linked a first 违反条款 that the offender does not break:

- a civil catch-all: 保险法第一百七十五条 违反本法规定，给他人造成损害的，依法承担民事责任 (→ 第六十五条第三款), 注册会计师法
  第五十六条 会计师事务所违反本法规定，给委托人…造成损失的 (→ 第二十三条第二款). The conduct names no act, only a harm, so it
  names no duty: ``harm_only(conduct)`` keeps the row unlinked, like 其他违反本法规定的行为 (it is still matched,
  so its sibling items keep their neighbour weights: left out of the match, 合伙企业法第九十九条 moved 第九十八条's link).
- a system the law sets up: 消防法第十条 对按照…需要进行消防设计的建设工程，实行建设工程消防设计审查验收制度 for 设计单位不按照…
  标准进行消防设计. ``system_only(text)``: every sentence of the 款 only 实行…制度 (no 应当/必须/不得): it binds no party.
- the issuer's duty to make what the offender refuses: 公职人员政务处分法第三条第三款 监察机关…应当及时提出监察建议 for
  有关机关、单位…拒不采纳监察建议. ``issuer_duty(text, conduct)``: the conduct refuses or fails to carry out a thing (拒不采纳/
  执行/履行 X) that the 款 has someone make (提出/作出/下达/发出 X).
- a case another party answers: 法律援助法第四十八条 有下列情形之一的，法律援助机构应当作出终止法律援助的决定：（一）受援人以欺骗…
  for 受援人以欺骗或者其他不正当手段获得法律援助. ``answers_case(text, offender, conduct)``: the 款 opens 有下列情形之一的，X应当/可以…
  and X is named, is not the offender and is not in the conduct (受援人 is no party ``offender`` names).
- a condition list (issue 17rr): 律师法第十四条 设立律师事务所应当具备下列条件：（一）有自己的名称、住所和章程… for a 律师's act
  (sample 31 #8). ``conditions_only(text, conduct)``: the 款 is only 应当具备/符合下列条件 and its items (no other sentence
  with a duty), and the conduct names no 条件 it lacks (不具备…条件 does break such a list).
- (issue 17tt) a ban protecting the offender (``protects``: 不得…阻碍邮政企业从业人员投递邮件 for 邮政企业从业人员故意延误投递邮件);
  an applicant's permit duty for a grant to the unfit (``ungranted``: 医疗机构配制制剂，应当经…批准，取得医疗机构制剂许可证 for
  对不符合条件的单位颁发…医疗机构制剂许可证 — only a 款 granting on conditions is its duty); a requirement to match another thing
  (``other_match``: 名称应当与其责任形式…相符合 for 名称与其在登记机关登记的名称不相符合).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kb.penalty.duties import duty_parties, party, same_party
from kb.penalty.offenders import offender

# the conduct is only a harm done while breaking the law (给他人造成损害; 违反本法规定，给委托人…造成损失)
HARM_ONLY = re.compile(r"^(?:[^，；。、]{0,20}?违反本(?:法|条例|规定)(?:的)?(?:有关)?规定，?)?"
                       r"(?:已经)?(?:(?:给|对|致使|使)[^，；。违]{0,30}?)?造成[^，；。]{0,12}?(?:损害|损失|危害|伤害)$")
SYSTEM = re.compile(r"实行(?P<name>[^。；]{0,40})制度")
JOINED = 6      # characters of a system's name the conduct shares when it fails to join it
OTHER_DUTY = re.compile(r"应当|必须|不得|禁止|严禁|负有|负责|有义务")
REFUSES = re.compile(r"(?:拒不|不|未)(?:采纳|执行|履行|落实|接受|服从|整改)(?P<thing>[\u4e00-\u9fff]{2,8}?)(?:的|$|，|、|。)")
ISSUES = "(?:提出|作出|下达|发出|制发)"
# a list of cases a named party answers (有下列情形之一的，法律援助机构应当…)
CASES = re.compile(r"^(?:有|具有|出现|发生)?下列情形之一的，(?P<party>[^，。；：]{2,30}?)(?:应当|可以|有权|必须)")
# a 款 that only lists conditions: its lead line, then items （一）…
CONDITIONS = re.compile(r"^[^。；\n]{0,60}?(?:应当|必须)(?:具备|符合|具有)下列(?:条件|资格|要求)(?:之一)?[：:]")
ITEM = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")


def harm_only(conduct: str) -> bool:
    """The conduct is a harm caused by breaking the law, no act of its own (see the module)."""
    return bool(HARM_ONLY.match(conduct.strip()))


def system_only(text: str, conduct: str = "") -> bool:
    """The 款 sets up a system (实行…制度) and binds no one, nor names what the conduct fails to join: 国家实行机动车第三者责任
    强制保险制度 is the duty of 未按照国家规定投保机动车第三者责任强制保险 (see the module)."""
    systems = _systems(text)
    return (bool(systems)
            and not any(name[i:i + JOINED] in conduct for name in systems for i in range(len(name) - JOINED + 1)))


@lru_cache(maxsize=1 << 16)
def _systems(text: str) -> tuple[str, ...]:
    """The names of the systems a 款 sets up when it binds no one (none when it states another duty): its text alone."""
    systems = tuple(match.group("name") for match in SYSTEM.finditer(text))
    return systems if systems and not OTHER_DUTY.search(SYSTEM.sub("", text)) else ()


def issuer_duty(text: str, conduct: str) -> bool:
    """The 款 has someone make the very thing the conduct refuses (see the module)."""
    return any(pattern.search(text) for pattern in _refused(conduct))


@lru_cache(maxsize=1 << 12)
def _refused(conduct: str) -> tuple[re.Pattern, ...]:
    """Patterns of the making of each thing the conduct refuses: its text alone."""
    return tuple(re.compile(ISSUES + r"[^。；，]{0,6}" + re.escape(match.group("thing"))) for match in REFUSES.finditer(conduct))


def answers_case(text: str, who: str | None, conduct: str) -> bool:
    """The 款 lists cases another named party must answer (有下列情形之一的，法律援助机构应当作出终止法律援助的决定：（一）受援人以
    欺骗…获得法律援助): the offender's act is a case there, not its duty (see the module)."""
    named = _case_party(text)
    return bool(named) and named not in conduct and not (who and same_party(who, named))


@lru_cache(maxsize=1 << 16)
def _case_party(text: str) -> str | None:
    """The party a 款 listing cases (有下列情形之一的，X应当…) has answer them: its text alone."""
    lead = CASES.match(text)
    return party(lead.group("party")) if lead else None


def conditions_only(text: str, conduct: str) -> bool:
    """The 款 only lists the conditions to found, hold or do a thing (应当具备下列条件：（一）…), and the conduct lacks no
    condition (see the module)."""
    return _condition_list(text) and "条件" not in conduct and "资格" not in conduct


@lru_cache(maxsize=1 << 16)
def _condition_list(text: str) -> bool:
    """The 款 is only a lead 应当具备下列条件： and its items: its text alone."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    before, _, lead = lines[0].rpartition("。") if lines and "下列" not in lines[0].split("。")[0] else ("", "", lines[0] if lines else "")
    return (bool(lines) and bool(CONDITIONS.match(lead)) and not OTHER_DUTY.search(before)      # 律师事务所是律师的执业机构。设立…
            and all(ITEM.match(line) for line in lines[1:]))


# (issue 17tt) an act against a party (阻碍邮政企业从业人员投递邮件): the 款 forbidding it protects that party, it binds others
AGAINST = r"(?:阻碍|妨碍|阻挠|干扰|干涉|侵犯|侵害|侮辱|殴打|威胁|打击报复|报复)"


def protects(text: str, who: str | None) -> bool:
    """The unit forbids acts against the offender (任何单位和个人不得…阻碍邮政企业从业人员投递邮件, for 邮政企业从业人员
    故意延误投递邮件) and binds no party of the offender's name: the duty of those who might act against it, not its own."""
    if not who or len(who) < 3 or who not in text or not re.search(rf"{AGAINST}[^，。；：]{{0,8}}{re.escape(who)}", text):
        return False
    return not any(same_party(who, bound) for bound in duty_parties(text))


# (issue 17tt) a grant to whoever lacks the conditions (对不符合条件的单位颁发…许可证) breaks only a 款 granting on conditions
# (符合条件的，颁发…): the applicant's duty to hold the permit (医疗机构配制制剂，应当…取得医疗机构制剂许可证) is another's
GRANT_TO_UNFIT = re.compile(r"对[^，；。]{0,30}不(?:具备|符合)[^，；。]{0,20}(?:颁发|核发|发放|发给|批准|准予)")
GRANTS = re.compile(r"颁发|核发|发放|发给|批准|准予|许可")
CONDITIONED = re.compile(r"条件|符合|具备|合格")
# (issue 17tt) a mismatch (名称与其在登记机关登记的名称不相符合) breaks a 款 requiring a match (应当与…相符合) only with the same
# comparand: 名称应当与其责任形式及从事的营业相符合 is another requirement
MISMATCH = re.compile(r"与(?P<thing>[^，；。]{2,30}?)不(?:相)?符")
MATCHES = re.compile(r"(?:应当|必须)与(?P<thing>[^，；。]{2,30}?)(?:相符|相一致|一致|符合)")


def ungranted(text: str, conduct: str) -> bool:
    """A grant to whoever lacks the conditions, and a 款 stating no grant on conditions."""
    return _grants_to_unfit(conduct) and not _grants_on_conditions(text)


@lru_cache(maxsize=1 << 12)
def _grants_to_unfit(conduct: str) -> bool:
    return bool(GRANT_TO_UNFIT.search(conduct))


@lru_cache(maxsize=1 << 16)
def _grants_on_conditions(text: str) -> bool:
    return bool(GRANTS.search(text) and CONDITIONED.search(text))


def other_match(text: str, conduct: str) -> bool:
    """A mismatch conduct and a 款 requiring a match with a comparand sharing no two characters with the conduct's."""
    mismatch = _mismatched(conduct)
    if mismatch is None:
        return False
    required = MATCHES.search(text)
    if not required:
        return False
    pairs = {mismatch[i:i + 2] for i in range(len(mismatch) - 1)} - {"其在", "与其"}
    return not any(pair in required.group("thing") for pair in pairs if not pair.startswith("其"))


@lru_cache(maxsize=1 << 12)
def _mismatched(conduct: str) -> str | None:
    """The thing a mismatch conduct (与X不相符) fails to match: its text alone."""
    mismatch = MISMATCH.search(conduct)
    return mismatch.group("thing") if mismatch else None


def not_duties(row, units: list) -> list[bool]:
    """Per unit (clause, 款, text): no duty the row's conduct breaks: a system, the issuer's duty, a case another party answers,
    a condition list."""
    who = offender(row)
    return [system_only(text, row.conduct) or issuer_duty(text, row.conduct) or answers_case(text, who, row.conduct)
            or conditions_only(text, row.conduct) or protects(text, who) or ungranted(text, row.conduct)
            or other_match(text, row.conduct) for _, _, text in units]
