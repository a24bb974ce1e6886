"""A prohibition binding everyone is the offender's duty when it forbids the conduct's own act (issue 17ff).

Sample 21 missed one shape six times: the law forbids an act to everyone (公共文化服务保障法第五十五条第一款 任何单位和个人
不得侵占、挪用公共文化服务资金; 港口法第三十一条 任何单位和个人不得违法干预港口经营人的经营自主权; 海岛保护法第四十二条第二款
有关单位和个人…不得拒绝或者阻碍检查工作), and the row (侵占、挪用公共文化服务资金; 行政机关违法干预…经营自主权; 拒绝监督检查) linked
nothing or another duty. Such a 款 binds whoever does the act — a public body too (港口法第五十八条's 行政机关).

``universal_ban(text)``: the words a unit forbids to everyone (任何单位和个人 / 任何单位或者个人 / 任何组织和个人 / 有关单位和个人 …
不得/禁止/严禁 …, 禁止任何单位和个人…, or a sentence opening with 禁止), else ""; a ban of a bare verb (…管道项目的建设，任何单位和个人
不得阻碍) keeps the words before it. ``holds_act(conduct, banned)``: the conduct opens (after 擅自/违法/非法/未经…批准-type modifiers and
a party named first: …以外的单位或者个人擅自进行…) with a verb jieba tags as one (侵占, 干预, 进行; not 地方 of 地方人民政府); every verb
heading its 、-listed acts (侵占、挪用) stands in one forbidden phrase, and the first two characters of what the act is done to follow the
last within ``WINDOW`` characters (干预港口…, 进行群体性…; 焚烧固体废物 is not 焚烧危险废物), or, for a bare-verb ban, two of its words
stand before; (issue 17oo) or one phrase lists the conduct's first act and at least half of its acts, the list ending in what they act
upon and lists three acts or more (持有、私藏枪支: 禁止…持有、制造（包括变造、装配）、买卖…枪支), or names its one act as a noun (征收税款: 不得进行税款征收活动).
Not a conduct naming its party first (生产…的企业未…) nor a failure (倾倒废弃物的船舶驶出港口未报告).

In ``kb.penalty.links`` such a unit binds the offender (public bodies too: it is restored past the officials' filters), takes the
subject boost a duty naming the offender takes (so the offender's own, closer-worded duty still wins: 幼儿园不得违反有关规定收取费用),
and, when ranked first, is judged by the normal floor, not the strict one.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from kb.textsim import jieba_module

EVERYONE = r"(?:任何(?:单位|组织|人|公民|个人)(?:(?:和|或者|、|及|以及|或)(?:单位|组织|个人|其他组织))?|有关单位和个人)"
BAN = re.compile(rf"{EVERYONE}[^。；]{{0,40}}?(?:不得|禁止|严禁)(?P<ban>[^。；]{{2,80}})|"
                 rf"(?:禁止|严禁){EVERYONE}(?P<ban2>[^。；]{{2,80}})|(?:^|(?<=[。；\n]))(?:禁止|严禁)(?P<ban3>[^。；]{{2,80}})")
MODIFIER = re.compile(r"^(?:(?:违反[^，；。]{0,20}规定，?)|未经[^，；。]{0,12}?(?:批准|许可|同意|备案|登记|委托)，?|擅自|违法|非法|"
                      r"以[^，；。]{0,12}(?:手段|方式)|故意|依法|无故|(?:行政)?机关)+")
# a conduct opening with its party (生产、储存危险化学品的企业未…; 商业银行工作人员利用职务…): its first words are no act
SUBJECT_FIRST = re.compile(r"^[^，；。]{0,30}?(?:的|银行|公司)?(?:企业|单位|机构|人员|经营者|生产者|者|人|组织)(?=未|不|违反|以|在|对|向|利用|擅自|故意|[^，；。]{0,3}[，])")
# an act naming a party that then fails to do something (倾倒废弃物的船舶驶出港口未报告): the failure is the conduct
FAILURE = re.compile(r"的[^，；。]{0,10}(?:未|不)")
# a party named first and then the act (…以外的单位或者个人擅自进行群体性预防接种): the party is dropped
# (issue 17hh) or the party and a breach of the law first (任何组织和个人违反本法有关规定，破坏民族团结进步): both are dropped
PARTY_LEAD = re.compile(r"^[^，；。]{0,30}?(?:单位|个人|组织)(?:(?=擅自|违法|非法|未经)|违反[^，；。]{0,20}规定，)")
WINDOW = 12
JOIN = re.compile(r"、|或者|和|及|以及")
LISTED = re.compile(r"^(?:(?:、|或者|和|及|以及)[^、，；。|]{2})*")      # the further acts of a list (、制造、买卖)


def universal_ban(text: str) -> str:
    """The words a unit forbids to everyone ("" when it forbids nothing to everyone)."""
    bans = []
    for m in BAN.finditer(text):
        ban = m.group("ban") or m.group("ban2") or m.group("ban3") or ""
        if len(ban) <= 4:       # the act's object stated first (…管道项目的建设，任何单位和个人不得阻碍): kept after a "|"
            ban = f"{ban}|{text[max(text.rfind('。', 0, m.start()), text.rfind('；', 0, m.start())) + 1:m.start()]}"
        bans.append(ban)
    return "；".join(bans)


def leading_act(conduct: str) -> tuple[list[str], str]:
    """(the verbs heading the conduct's listed acts, the rest: what they act upon)."""
    text = re.split(r"[，；。]", conduct.strip())[0]
    text = MODIFIER.sub("", text) or text
    heads = JOIN.split(text)
    verbs = [head[:2] for head in heads[:-1] if len(head) >= 2]
    last = heads[-1]
    verbs.append(last[:2])
    return [verb for verb in verbs if len(verb) == 2], last[2:]


def holds_act(conduct: str, banned: str) -> bool:
    """Whether one forbidden phrase holds the conduct's leading acts, the last followed closely (within ``WINDOW``
    characters) by the start of what it acts upon (干预港口…, 拒绝或者阻碍检查…, 进行群体性…)."""
    if not banned:
        return False
    conduct = PARTY_LEAD.sub("", conduct)
    if SUBJECT_FIRST.match(conduct) or FAILURE.search(re.split(r"[，；。]", conduct)[0]):
        return False
    verbs, rest = leading_act(conduct)
    if not verbs or not _verb_first(verbs[0] + rest if len(verbs) == 1 else conduct, verbs[0]):
        return False
    starts = [rest[:2]] if len(rest) >= 2 and not re.search(r"[的和或及、之其]", rest[:2]) else []
    if not starts:
        return False
    for phrase in banned.split("；"):
        if all(verb in phrase for verb in verbs):
            after = phrase[phrase.rfind(verbs[-1]) + 2:]
            if any(start in after[:WINDOW] for start in starts) or (after.startswith("|") and _object_before(rest, after)):
                return True
        # (issue 17oo) or most of the acts in a ban's list of acts, or the one act named as a noun (征收税款: 不得进行税款征收活动)
        if _listed(verbs, starts[0], phrase) or (len(verbs) == 1 and starts[0] + verbs[0] in phrase):
            return True
        if all(verb in phrase for verb in verbs) and _object_with_dui(verbs, starts[0], phrase):
            return True
    return False


def _listed(verbs: list[str], start: str, phrase: str) -> bool:
    """(issue 17oo) Whether a ban listing three acts or more (持有、制造（包括变造、装配）、买卖、运输、出租、出借枪支) holds the
    conduct's first act and at least half of its listed acts (非法持有、私藏枪支: 持有), the list ending in what the conduct acts upon (枪支)."""
    if len(verbs) < 2 or verbs[0] not in phrase or 2 * sum(verb in phrase for verb in verbs) < len(verbs):
        return False
    phrase = re.sub(r"（[^（）]{0,20}）", "", phrase)      # (包括变造、装配)
    at = phrase.find(verbs[0])
    further = LISTED.match(phrase[at + 2:]).group(0)
    before = re.search(r"(?:[^、，；。|]{2}(?:、|或者|和|及|以及))*$", phrase[:at]).group(0)
    # a list of three acts or more (not 侵占公共文化服务资金 for 侵占、挪用…: one banned act does not hold two)
    acts = 1 + len(JOIN.findall(further)) + len(JOIN.findall(before))
    return acts >= 3 and phrase[at + 2 + len(further):].startswith(start)


def _object_with_dui(verbs: list[str], start: str, phrase: str) -> bool:
    """(issue 17uu) Whether a ban names what it acts upon by 对 just before the acts (不得对食品安全事故隐瞒、谎报、缓报 for
    隐瞒、谎报、缓报食品安全事故): 对, the object's first two characters within ``WINDOW``, then the conduct's acts listed."""
    at = phrase.find(verbs[0])
    lead = re.search(rf"对([^，；。|]{{2,{WINDOW}}})$", phrase[:at])
    acts = phrase[at:at + 3 * len(verbs) + 4 * (len(verbs) - 1)]
    return bool(lead) and lead.group(1).startswith(start) and all(verb in acts for verb in verbs)


def _object_before(rest: str, before: str) -> bool:
    """Whether the words before an object-first ban hold two of the object's words (管道, 建设)."""
    pairs = {rest[i:i + 2] for i in range(len(rest) - 1)}
    return sum(pair in before for pair in pairs if not re.search(r"[的和或及、之其依法]", pair)) >= 2


@lru_cache(maxsize=4096)
def _verb_first(text: str, verb: str) -> bool:
    """Whether the conduct opens with the verb as a word of its own, tagged a verb by jieba (侵占, 干预, 进行; not 地方 of
    地方人民政府, nor 民用 of 民用航空器)."""
    import jieba.posseg

    jieba_module()
    text = MODIFIER.sub("", text) or text
    first = next(iter(jieba.posseg.cut(text[:12])), None)
    return first is not None and first.word == verb and first.flag == "v"


def universal_units(conduct: str, bans: list[str], scores, raw):
    """(mask of the units forbidding the conduct's act to everyone, the row's scores with those units given back
    their unfiltered score ``raw``: a public body's duty is everyone's too, mask of those banning the act itself)."""
    mask = np.array([bool(banned) and holds_act(conduct, banned) for banned in bans], dtype=bool)
    # (issue 17hh) and of them, those banning the very act (禁止破坏民族团结…的行为), not holding it only inside a narrower
    # act (不得…制作和传播含有…破坏民族团结进步内容的信息): ``kb.penalty.links`` ranks them first
    head = np.array([bool(mask[i]) and _bans_head(conduct, banned) for i, banned in enumerate(bans)], dtype=bool)
    return mask, np.where(mask, np.maximum(scores, raw), scores), head


def _bans_head(conduct: str, banned: str) -> bool:
    """Whether a forbidden phrase opens with the conduct's first act (破坏… for 破坏民族团结进步)."""
    verbs, _ = leading_act(PARTY_LEAD.sub("", conduct))
    return bool(verbs) and any(phrase.startswith(verbs[0]) for phrase in banned.split("；"))
