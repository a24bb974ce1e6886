"""A failure to do what the law requires (应当X而不X, 应当X而未X) breaks the 款 stating 应当…X (issue 17gg).

Sample 22 #11: 行政许可法第七十二条(八) 依法应当举行听证而不举行听证 linked 第四十八条第一款, the hearing's procedure (行政机关应当于
举行听证的七日前…通知), not 第四十六条 (…行政机关应当向社会公告，并举行听证): both share the words, the procedure more of them.

``omitted_act(conduct)``: the first (up to four) characters of the act a 应当X而不/未X conduct failed to do (举行听证, 备案, 建立反洗,
经批准), None for other conducts. ``states_act(text, act)``: the unit requires the act — 应当/必须 followed within ``WINDOW``
characters by it — and not only as a point in time (应当于举行听证的七日前). In ``kb.penalty.links`` such a unit ranks
``PENALTY_LINK_SUBJECT_BOOST`` higher, as a permit clause does for a conduct without a permit; the floors judge its own score.
"""

from __future__ import annotations

import re

OMISSION = re.compile(r"应当(?P<act>[^，；。而]{2,20})而(?:不|未)")
# (issue 17jj) 不按照规定向…机构报送有关文件、资料: the act after the body it is owed to (报送), the 款 stating 应当…报送 first
OWED = re.compile(r"^[^，；。]{0,30}?(?:不|未)(?:按照|依照)(?:本法|本条例)?规定(?:的[^，；。]{0,10})?向[^，；。]{1,30}"
                    r"(?:机构|部门|机关|政府|银行|委员会|单位)(?P<act>[^，；。、有]{2})")
LEAD = re.compile(r"^(?:依法|依照规定|按照规定|予以)")
WINDOW = 20
# (issue 17ab) 应扣未扣、应收而不收税款: the act due and not done, one character named twice (扣, 收)
DUE_UNDONE = re.compile(r"应(?P<act>[\u4e00-\u9fff])(?:而)?(?:未|不)(?P=act)")


def omitted_act(conduct: str) -> str | None:
    """The leading characters of the act a 应当X而不X conduct failed to do, else None."""
    match = OMISSION.search(conduct)
    if not match:
        return None
    act = LEAD.sub("", match.group("act"))
    return act[:4] if len(act) >= 2 else None


def states_act(text: str, act: str, window: int = WINDOW) -> bool:
    """The unit requires the act (应当…举行听证), not as a point in time (应当于举行听证的七日前)."""
    return bool(re.search(rf"(?:应当|必须)[^。；]{{0,{window}}}?{re.escape(act)}(?![^，。；]{{0,4}}的)", text))


def owed_act(conduct: str) -> str | None:
    """The act a 不按照规定向…机构X conduct failed to do (报送), owed to that body, else None. (Not
    ``kb.penalty.stated.undone_act``: 未依照本法规定X with no body, which must be required by exactly one 款.)"""
    match = OWED.search(conduct)
    return match.group("act") if match else None


def owed_units(conduct: str, texts: list[str]) -> list[bool]:
    """Per unit: it states the act a 不按照规定向…机构X conduct failed to do (the bodies may stand between: twice the window)."""
    act = owed_act(conduct)
    return [bool(act) and states_act(text, act, 2 * WINDOW) for text in texts]


def undone_acts(conduct: str) -> set[str]:
    """(issue 17ab) The one-character acts of a 应X未X / 应X而不X conduct (应扣未扣 → 扣), else an empty set."""
    return {match.group("act") for match in DUE_UNDONE.finditer(conduct)}


def due_units(conduct: str, texts: list[str]) -> list[bool]:
    """(issue 17ab) Per unit: it requires an act a 应X未X conduct left undone, with the thing the conduct names after the
    shape (税款): 应当/必须/履行 followed by the act and the thing (必须…代扣代缴、代收代缴税款; 扣缴义务人依照…规定履行
    代扣、代收税款的义务), not as a point in time (履行代扣、代收税款义务时). One character is a thin act: it counts only
    before the thing, and outside the words naming the offender before the shape (扣 of 扣缴义务人)."""
    matches = list(DUE_UNDONE.finditer(conduct))
    thing = re.match(r"[^，；。、的]{2,6}", conduct[matches[-1].end():]) if matches else None
    if not thing:
        return [False] * len(texts)
    name = conduct[:matches[0].start()].split("，")[-1]
    acts = "".join(sorted(undone_acts(conduct)))
    due = re.compile(rf"(?:应当|必须|履行)[^。；]{{0,{WINDOW}}}?[{acts}][^。；]{{0,10}}?{re.escape(thing.group())}(?![^，。；]{{0,4}}时)")
    return [bool(due.search(text.replace(name, "") if len(name) >= 2 else text)) for text in texts]
