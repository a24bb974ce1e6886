"""Duties the law states of the conduct's act in other words (issue 17nn).

Samples 26–28 left rows unlinked though the law states the offender's duty, worded as the opposite of the act or as a
requirement the conduct says it failed:

- ``undone_units(conduct, texts)``: a conduct 未依照本法规定X / 不按照规定X (集会游行示威法第二十七条 未依照本法规定申请) breaks
  the 款 that requires X by the same words (第七条 必须依照本法规定向主管机关提出申请): the unit says 应当/必须 依照/按照…规定
  and X follows within ``WINDOW`` characters; X is the verb jieba reads after 规定 (申请, 保管; not 条件 of 不按照规定条件进行).
  Only when exactly one 款 of the law says so: two are a guess.
- ``secrecy_units(conduct, texts)``: a conduct 泄露… (反洗钱法第五十一条 泄露因反洗钱知悉的国家秘密、商业秘密或者个人隐私) breaks
  the 款 stating secrecy (应当予以保密, 负有保密义务, 不得泄露) of a thing the conduct names (秘密, 隐私, 信息…); again only
  when exactly one 款 does.
- ``failed_units(conduct, texts)`` (issue 17rr): a conduct 不履行/未履行/拒不履行 X义务 (人口与计划生育法第四十四条 不履行协助计划
  生育管理义务) breaks the 款 stating 应当/必须/有义务 X (第七条 …应当协助人民政府开展人口与计划生育工作): X's first word is a verb
  (协助; not 个人信息保护, 本法规定的…), follows the duty word within ``WINDOW`` characters, and what it is done to (计划) follows
  it, as for ``undone_units``; only when exactly one 款 of the law says so.
- ``refused_units(conduct, texts)`` (issue 17tt): a conduct 拖延不X / 拒绝X (劳动法第九十八条 故意拖延不订立劳动合同) breaks the one
  款 stating 应当/必须 X with X's object right after its verb (第十六条第二款 建立劳动关系应当订立劳动合同).
- ``granted_units(conduct, texts)`` (issue 17tt): a grant to whoever lacks the conditions (对不符合条件的颁发…动物诊疗许可证) breaks
  every 款 granting a permit it names on its conditions (经审查合格的，发给动物诊疗许可证).
- ``staff_act(conduct)``: an officials' conduct naming its staff first (国家工作人员和社会保险基金经办机构的工作人员挪用社会保险基金)
  without them, so that ``kb.penalty.universal`` can find the 款 banning its act to everyone (任何组织和个人不得挪用社会保险基金).

In ``kb.penalty.links`` the unit found binds the offender, public or private (its score comes back past the officials'
filters, as a universal ban's does), ranks first and is judged by the normal floor.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from kb.penalty.facilities import facility, simultaneous_units
from kb.penalty.universal import EVERYONE
from kb.textsim import jieba_module

UNDONE = re.compile(r"^(?:未|不)(?:依照|按照)(?:本法|本条例)?(?:有关)?规定(?P<rest>[^，；。]{2,})")
REQUIRES = r"(?:应当|必须)(?:依照|按照)(?:本法|本条例)?(?:的)?(?:有关)?规定"
WINDOW = 12
# (issue 17zz) …不按规定履行优待老年人义务: 按(照)规定 / 依法 may stand between the failure and 履行
FAILED = re.compile(r"(?:^|，|、|或者|和)(?:不|未|拒不)(?:(?:按照?|依照)(?:本法)?规定|依法)?履行(?P<rest>[^，；。]{2,24}?)的?义务")
OWES = r"(?:应当|必须|有义务|负有)"
# (issue 17tt) a refusal or delay of an act (故意拖延不订立劳动合同, 拒绝接收…): the act and what it is done to follow
REFUSED = re.compile(r"(?:^|，|、|或者|和)(?:故意)?(?:拖延|拒绝|拒不)不?(?P<rest>[^，；。、]{4,24})")
REFUSED_THING = 4       # characters of the object the 款 must state right after the act (订立劳动合同)
# (issue 17tt) a grant to whoever lacks the conditions, and the permits it names (动物防疫条件合格证、动物诊疗许可证)
UNFIT_GRANT = re.compile(r"对[^，；。]{0,30}不(?:具备|符合)[^，；。]{0,20}(?:颁发|核发|发给|发放)(?P<permits>[^，；。]{2,80})")
PERMIT_NAME = re.compile(r"(?:证|证书|执照|意见书)$")
LEAK = re.compile(r"泄露(?P<object>[^，；。]{2,40})")
SECRECY = re.compile(r"(?:应当|必须)[^。；]{0,12}保密(?!的)|负有保密义务|不得[^。；]{0,20}泄露|保守[^。；]{0,10}秘密")
SECRETS = ("秘密", "隐私", "个人信息", "试题", "信息")
NO_PARTY = re.compile(r"^(?:故意|非法|擅自)?泄露")     # (issue 17zz) the act first: the conduct names no party
# (issue 17zz) a sentence whose subject is everyone states secrecy (任何组织和公民都应当…，保守…秘密); not 任何单位 as an object
# (…档案信息不得提供给任何单位或者个人。依法进行查询的单位，应当对获得的信息予以保密)
EVERYONES_SECRECY = re.compile(rf"(?:^|[。；\n])(?:[^，。；]{{0,20}}，)?{EVERYONE}[^。；]*?(?:{SECRECY.pattern})")
STAFF = re.compile(r"^[^，；。]{2,40}?工作人员(?=[^，；。、和及或的])")


@lru_cache(maxsize=4096)
def undone_act(conduct: str) -> str | None:
    """The verb X of a 未依照本法规定X conduct (申请), else None."""
    match = UNDONE.match(conduct)
    return _verb(match.group("rest")) if match else None


@lru_cache(maxsize=4096)
def _verb(rest: str) -> str | None:
    """The first word of ``rest`` when jieba reads it as a verb of two characters or more (申请, 协助), else None."""
    import jieba.posseg
    jieba_module()
    first = next(iter(jieba.posseg.cut(rest[:10])), None)
    return first.word if first is not None and first.flag in ("v", "vn") and len(first.word) >= 2 else None


def _only(mask: list[bool]) -> np.ndarray:
    """The mask when exactly one unit is set, else none."""
    array = np.array(mask, dtype=bool)
    return array if array.sum() == 1 else np.zeros(len(mask), dtype=bool)


def undone_units(conduct: str, texts: list[str], keys: list | None = None) -> np.ndarray:
    """Per unit: it is the one 款 requiring, by 应当/必须依照…规定, the act a 未依照本法规定X conduct failed to do."""
    act = undone_act(conduct)
    if not act:
        return np.zeros(len(texts), dtype=bool)
    return _requiring(act, UNDONE.match(conduct).group("rest"), REQUIRES, texts, keys)


def failed_units(conduct: str, texts: list[str], keys: list | None = None) -> np.ndarray:
    """Per unit: it is the one 款 stating, by 应当/必须/有义务 X, the duty X a 不履行X义务 conduct failed."""
    match = FAILED.search(conduct)
    act = _verb(match.group("rest")) if match else None
    if not act:
        return np.zeros(len(texts), dtype=bool)
    return _requiring(act, match.group("rest"), OWES, texts, keys)


def _requiring(act: str, rest: str, requires: str, texts: list[str], keys: list | None) -> np.ndarray:
    """Per unit: it is the one 款 requiring (``requires``) ``act`` and, when ``rest`` names it, the thing it is done to."""
    # what the act is done to (…设置放射性标识: 放射), when the conduct names it, follows the act in the unit too
    rest = re.split(r"[，；。]", rest)[0][len(act):]
    rest = re.sub(r"^(?:[、和及或](?:者)?[^、和及或，；。]{2})+", "", rest)     # further acts (、完善)
    thing = "" if not rest or re.match(r"^(?:或|和|及|的|并|未|不)", rest) else re.escape(rest[:2])
    pattern = re.compile(rf"{requires}[^。；]{{0,{WINDOW}}}?{re.escape(act)}" + (rf"[^。；]{{0,{WINDOW}}}?{thing}" if thing else ""))
    if thing and requires == OWES:
        # (issue 17zz) or the thing named between the duty word and the act (应当为老年人提供优待 for 不履行优待老年人义务)
        pattern = re.compile(rf"{pattern.pattern}|{requires}[^。；，]{{0,{WINDOW}}}?{thing}[^。；，]{{0,{WINDOW}}}?{re.escape(act)}")
    return _one_paragraph([bool(pattern.search(text)) for text in texts], keys)


def refused_units(conduct: str, texts: list[str], keys: list | None = None) -> np.ndarray:
    """Per unit: it is the one 款 stating, by 应当/必须 X, the act a 拖延不X / 拒绝X conduct withholds, X's object
    (the next ``REFUSED_THING`` characters) right after its verb (建立劳动关系应当订立劳动合同 for 故意拖延不订立劳动合同;
    not 劳动合同应当以书面形式订立，…, whose object is elsewhere)."""
    match = REFUSED.search(conduct)
    act = _verb(match.group("rest")) if match else None
    if not act:
        return np.zeros(len(texts), dtype=bool)
    thing = match.group("rest")[len(act):len(act) + REFUSED_THING]
    if len(thing) < 2 or not match.group("rest").startswith(act):
        return np.zeros(len(texts), dtype=bool)
    pattern = re.compile(rf"{OWES}[^。；，]{{0,{WINDOW}}}?{re.escape(act + thing)}")
    return _one_paragraph([bool(pattern.search(text)) for text in texts], keys)


def granted_units(conduct: str, texts: list[str]) -> np.ndarray:
    """Per unit: a conduct granting a permit to whoever lacks the conditions (对不符合条件的…颁发动物诊疗许可证) breaks a 款
    granting that permit on its conditions (经审查合格的，发给动物诊疗许可证), every such 款 (one per permit named)."""
    match = UNFIT_GRANT.search(conduct)
    names = [name for name in re.split(r"、|或者|和|，", match.group("permits")) if PERMIT_NAME.search(name)] if match else []
    if not names:
        return np.zeros(len(texts), dtype=bool)
    pattern = re.compile(rf"(?:符合|合格|具备)[^。；]{{0,80}}?(?:颁发|核发|发给|发放)(?:{'|'.join(map(re.escape, names))})")
    return np.array([bool(pattern.search(text)) for text in texts], dtype=bool)


def secrecy_units(conduct: str, texts: list[str], keys: list | None = None) -> np.ndarray:
    """Per unit: it is the one 款 stating secrecy of a thing a 泄露… conduct names."""
    match = LEAK.search(conduct)
    if not match:
        return np.zeros(len(texts), dtype=bool)
    things = [word for word in SECRETS if word in match.group("object")]
    if not things:
        return np.zeros(len(texts), dtype=bool)
    mask = [bool(SECRECY.search(text)) and any(word in text for word in things) for text in texts]
    return _one_paragraph(_anyones(conduct, mask, texts), keys)


def _anyones(conduct: str, mask: list[bool], texts: list[str]) -> list[bool]:
    """(issue 17zz) A conduct naming no party (泄露与国家情报工作有关的国家秘密: anyone's) breaks, of several secrecy 款, the
    ones binding everyone (任何组织和公民都应当…保守…秘密), not a body's (国家情报工作机构及其工作人员…不得泄露国家秘密)."""
    everyone = [hit and bool(EVERYONES_SECRECY.search(text)) for hit, text in zip(mask, texts)]
    return everyone if NO_PARTY.match(conduct) and sum(mask) > 1 and any(everyone) else mask


def _one_paragraph(mask: list[bool], keys: list | None) -> np.ndarray:
    """The mask when its units all lie in one 款 (``keys``: each unit's (clause id, 款); a 款's items are units too)."""
    if keys is None:
        return _only(mask)
    found = {key for key, hit in zip(keys, mask) if hit}
    return np.array(mask, dtype=bool) if len(found) == 1 else np.zeros(len(mask), dtype=bool)


def staff_act(conduct: str) -> str:
    """The conduct without the staff it names first (…的工作人员挪用… → 挪用…)."""
    return STAFF.sub("", conduct, count=1)


def stated_units(conduct: str, units: list) -> np.ndarray:
    """Per (clause, 款, text) unit: the one 款 stating the duty a 未依照本法规定X, 不履行X义务 or 泄露… conduct breaks."""
    if not (UNDONE.match(conduct) or LEAK.search(conduct) or FAILED.search(conduct) or REFUSED.search(conduct)
            or UNFIT_GRANT.search(conduct) or facility(conduct)):
        return np.zeros(len(units), dtype=bool)
    texts = [text for _, _, text in units]
    keys = [(clause.id, paragraph) for clause, paragraph, _ in units]
    return (undone_units(conduct, texts, keys) | secrecy_units(conduct, texts, keys) | failed_units(conduct, texts, keys)
            | refused_units(conduct, texts, keys) | granted_units(conduct, texts)
            | _one_paragraph(simultaneous_units(conduct, texts), keys))     # (issue 17zz) 三同时


def everyones(units: list) -> np.ndarray:
    """Per unit: it binds everyone (任何组织和个人…负有保密义务): an official's duty too."""
    return np.array([bool(re.search(EVERYONE, text)) for _, _, text in units], dtype=bool)
