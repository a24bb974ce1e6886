"""Where the conduct of a sanction sentence ends and its sanction begins (``split_conduct``; issue 17p moved it out of
``kb.penalty.rows``, which cuts the rows).

"违反本法规定，X的，由A责令改正，处…" → (X的, 由A…). Besides the first "的，" before a sanction, a conduct may end at "下列…之一，"
before 由 or a body (商业银行有下列情形之一，由…), at "，由…部门" when no 的 comes first (认证机构出具虚假认证结论，由…); a text
that opens with a body (金融机构…对…；公安机关对于…), an object (对反垄断执法机构依法实施的审查和调查，…) or a scope (依照…条约的
规定，…) is a conduct only when a "的，" before a real sanction (由/处/责令/对…处…) follows, else it is a sanction (or a power).
"""

from __future__ import annotations

import re

from kb.penalty.conditions import SANCTION_BODY, SANCTION_START, SANCTION_WORD_START
from kb.penalty.sanctions import AGENCY_END, PERSONS

CONDITION = re.compile(
    r"^(?:其中，)?(?:情节|拒不|逾期|造成|有违法所得|没有违法所得|违法所得|货值金额|构成|致使|导致|对造成|报批、审核类型|已经|"
    r"发生|给他人|没有|被责令|属于|再次|多次|首次|初次|数额|违法经营额|不属于|尚不构成|不构成|尚未构成|未构成|尚不够|无法|有前款|对前款|前款|影响|危害|"
    r"污染物为|[^，；。]{0,6}(?:的|之)?(?:数额|金额)不足|[^，；。为]{1,20}为[^，；。]+的$)")
# 其负有责任的领导人员和直接责任人员属于公职人员的，由任免机关…给予处分: who the persons are, a condition of the row
# before, not a conduct of its own (统计法第四十五条; issue 17kk)
PERSONS_CONDITION = re.compile(r"^(?:其|该)?[^，；。]{0,30}(?:人员|负责人)[^，；。]{0,6}(?:属于|是)[^，；。]*$")
EFFECT = re.compile(r"[^，；。的]{1,10}无效(?:，|$)")
STRONG_START = re.compile(r"(?:还|并|另|分别)?(?:由|处|并处|责令|没收|吊销|撤销|暂扣|给予|予以|对[^，；。]{0,60}?(?:处|给予|予以))"
                          r"|(?:还|并|另)可以|[^，；。由]{0,40}?(?:部门|机关|机构)(?:应当|可以)?(?:责令|对[^，；。]{0,60}?处)")
# 对反垄断执法机构依法实施的审查和调查，拒绝…的，由…: an object before the conduct, not 对…依法给予处分 (issue 17p)
OBJECT_FIRST = re.compile(r"^对[^，；。]{1,60}?依法[^，；。]*，")
SANCTION_WORDS = re.compile(r"罚款|处以?[一二三四五六七八九十百千两\d]|给予(?:警告|处分)")
# 除本法另有规定的情形外，…的，由… (疫苗管理法第八十二条): a scope, not a sanction's 除…外 (issue 17aa)
SCOPE_FIRST = re.compile(r"^依照[^，；。]{2,60}的规定，(?![^，；。]{0,6}处罚)|^除[^，；。]{0,30}另有规定[^，；。]{0,6}外，")
BY_BODY = re.compile(rf"，(?=(?:分别|并)?由[^，；。由]{{1,40}}?{AGENCY_END})")
SANCTIONING = re.compile(r"罚款|没收|吊销|警告|拘留|撤销|处分")
# 血站违反有关操作规程和制度采集血液，由…部门责令改正 (献血法第十九条): an order ends a conduct that names the violation
# (not 已建成的…建设项目，由…人民政府责令拆除: an order on a state of things) (issue 17aa)
ORDERED = re.compile(r"责令")


def split_conduct(text: str) -> tuple[str, str] | None:
    """(conduct ending in 的, sanction text) at the first "的，" followed by a sanction; ("", text) when
    the text starts with a sanction; None when there is no sanction."""
    # 金融机构…对…资产，未…的，由… (a subject that may be the offender) and 依照…条约、协定的规定，被认定为…的，没收…
    # (a scope, not 依照…规定处罚) open a conduct when a "的，" before a sanction follows (issue 17p)
    word_first = SANCTION_WORD_START.match(text)
    body_first = bool(SCOPE_FIRST.match(text) or (SANCTION_START.match(text) and not word_first)
                      or (OBJECT_FIRST.match(text) and word_first))
    if word_first and not body_first:
        return "", text
    # 商业银行有下列情形之一，由…: an item lead may end without 的 (issue 17p)
    by = BY_BODY.search(text)
    if by and (not (SANCTIONING.search(text[by.end():]) or ("违反" in text[:by.start()] and ORDERED.search(text[by.end():])))
               or "的，" in text[:by.start()] or body_first
               or text.startswith("对")):
        by = None               # 对快递企业，并由…吊销…: a target of the sanction, no conduct
    for match in re.finditer(r"的，|之一，", text):
        if by and by.start() < match.start():
            break
        rest = text[match.end():]
        if match.group(0) == "之一，" and not (re.search(r"下列[^，；。]{0,8}$", text[:match.start()])
                                             and re.match(rf"(?:分别|并)?由|{SANCTION_BODY}", rest)):
            continue
        if body_first and (not STRONG_START.match(rest) or SANCTION_WORDS.search(text[:match.start()])):
            continue            # 公安机关对于现行犯…，如果有下列情形之一的，可以先行拘留: a body's power, not an offence
        if SANCTION_START.match(rest) or _after_effect(rest):
            return text[:match.end() - 1], rest
    if by:
        return text[:by.start()], text[by.end():]   # 认证机构出具虚假认证结论，由…部门没收…，并处… (no 的)
    if body_first:
        return "", text
    first = text.find("的，")
    if first > 0 and CONDITION.match(text) and "，" not in text[:first]:
        return text[:first + 1], text[first + 2:]   # 拒不改正的，有许可证的吊销许可证…
    return None


def _after_effect(rest: str) -> bool:
    """…谋取中标的，中标无效，处…罚款 / …骗取中标的，中标无效，给招标人造成损失的，依法承担…: a stated legal
    effect (X无效) between the conduct and its sanction belongs to the sanction text, not to the conduct."""
    effect = EFFECT.match(rest)
    if not effect:
        return False
    after = rest[effect.end():]
    if not after:
        return True             # …的，该协议无效；对…处…: the sanction follows in the next segment (issue 17p)
    split = re.match(r"[^，；。]*的，", after)
    return bool(SANCTION_START.match(after) or (split and SANCTION_START.match(after[split.end():])))


def first_conduct(segment: str) -> tuple[str, str] | None:
    """(conduct, sanction) of a first segment split_conduct left whole: at its last "的，" (…取消其使用认证标志资格的，
    对因…造成的损失，与…承担连带责任), else before "，责令" (外国人未经批准，擅自进入…的区域，责令立即离开)."""
    cut = segment.rfind("的，")
    if cut > 0:
        return segment[:cut + 1], segment[cut + 2:]
    order = re.search(r"，(?=责令)", segment)
    return (segment[:order.start()], segment[order.end():]) if order else None


def persons_first(rest: str) -> bool:
    """对直接负责的主管人员和其他直接责任人员处…: a ；-segment that fines the responsible persons."""
    match = re.match(r"对([^，；。]{1,40}?)(?:，|处|给予|予以|可以|并)", rest)
    return bool(match and PERSONS.search(match.group(1)))


def own_row(conduct: str, rest: str) -> bool:
    """A conduct later in a 款 is a row of its own when it names the violation anew (违反…) or has its
    own agency (…的，由…部门); otherwise it qualifies the row before (限期内未完成清缴的，处…)."""
    return (conduct.startswith("违反") or rest.startswith(("由", "还应当由", "并由"))) and not PERSONS_CONDITION.match(conduct)


def sentence_conduct(row, pieces: list, segments: tuple[str, str], conduct: str, rest: str) -> tuple[str, str] | None:
    """(conduct, sanction text of its first segment) of a later sentence that carries the first sanction of a row whose
    own sentence carried none: 当事人在该期限内提供证据确有困难的，可以申请延长。当事人逾期提供证据的，…责令其说明理由；拒不
    说明理由或者理由不成立的，…予以训诫、罚款 — the conduct is that sentence's opening …的 (issue 17ss). ``segments``: the
    sentence's first segment and the current one (split into ``conduct`` and ``rest``). None when the row's conduct names
    the violation (违反…), when the sentence opens with a condition (情节严重的) or names no …的 clause."""
    if "违反" in row.conduct or any(_sanctioning(row.sanctions)) or not any(_sanctioning(pieces)):
        return None
    head, segment = segments
    if head == segment:
        return (conduct, rest) if not CONDITION.match(conduct) else None
    cut = head.find("的，")
    if cut <= 0 or "，" in head[:cut] or CONDITION.match(head):
        return None
    return head[:cut + 1], head[cut + 2:]


def _sanctioning(pieces: list):
    return (bool(s.fines or s.detentions or s.measures) for s in pieces)
