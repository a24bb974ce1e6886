"""Where a sanction text's conditions start and how they chain (kb.penalty.rows uses these).

A sanction text "处…罚款；情节严重的，责令停业；拒不改正的，代为治理" is cut at its conditions
(``sanction_pieces``); a condition that follows another either qualifies it (情节较轻 after
拒不停止排放的) or stands as a case of its own (情节严重 after 有违法所得的): ``_chain`` within a
sentence, ``_chain_across`` across ；-segments, ``_alternative`` for sibling amount bands.
"""

from __future__ import annotations

import re

from kb.penalty.sanctions import Sanction, read_sanction

# 依法 opens a sanction (依法给予处分, 依法追究) but not a duty or a status (依法必须进行招标的项目的投标人…,
# 对…依法负有行政监督职责的国家机关工作人员…)
BY_LAW = r"依法(?!必须|应当(?!承担)|负有|享有|须|取得|设立|成立|登记|批准|划定|设置|从事|经营)"
SANCTION_WORD = (rf"(?:还|并|另|分别)?(?:由|处|并处|单处|按次处|按照[^，；。]{{0,30}}，(?:并)?处|对[^，；。]{{0,60}}?(?:处|给予|予以|{BY_LAW})|"
                 rf"对[^，；。]{{1,60}}?(?<!的)，(?=由|没收|并处|处|给予|予以)|"      # …的，对法定代表人…，没收… (issue 17p)
                 rf"责令|没收|吊销|撤销|暂扣|给予|予以|{BY_LAW}|依照|适用|除[^，；。]{{0,40}}?外|可以|应当|报经|将|禁止|罚款数额为)")
# a body as the subject of the sanction (…的，海关可以…; …的，保险监督管理机构除…外，对其…); at the very start of a 款 it
# may as well be the offender (金融机构…对…资产，未立即予以冻结的，由…): ``kb.penalty.conduct.split_conduct`` tells them apart
# (issue 17aa) a court that fines (…的，人民法院除责令其履行协助义务外，并可以予以罚款; 人民法院可以依法处以罚款;
# issue 17bb: 人民法院可以根据情节轻重，予以训诫、责令具结悔过或者处一万元以下的罚款) and a holder of a power (…的，红十字会有权予以劝阻)
SANCTION_BODY = (r"[^，；。由]{0,40}?(?:(?:部门|机关|机构|政府|海关|中国人民银行)"
                 r"(?:按照|依照|依法|可以|应当|责令|处|对|没收|给予|予以|吊销|除[^，；。]{0,60}?外)|法院除[^，；。]{0,60}?外|"
                 r"法院(?:可以|应当)?(?:依法|根据情节轻重，?)?(?:对[^，；。]{0,30}?)?(?:予以|处以?)?(?:训诫[^，；。]{0,20}?)?(?:罚款|拘留)|"
                 r"有权(?:予以(?:劝阻|制止|警告|没收|罚款)|责令|没收|给予(?:警告|处分)))")
SANCTION_START = re.compile(f"{SANCTION_WORD}|{SANCTION_BODY}")
SANCTION_WORD_START = re.compile(SANCTION_WORD)
CONTINUATION = re.compile(r"^(?:或者(?=处|并处|单处|给予|予以|责令|吊销|没收)|并|处|单处|责令|可以|没收|吊销|报经|依法|对|暂扣|撤销|给予|予以|罚款数额为)")
# a condition that sets the fine by an amount band (货值金额不足一万元的 / 货值金额一万元以上的): 情节严重的 after it
# is a case of its own, not a part of the band
AMOUNT_BAND = re.compile(r"(?:货值|金额|违法所得|数额|价值|经营额|价款)[^，；。]*(?:不足|以上|以下|超过)[^，；。]*的$")
# a condition that states a consequence or a gain (a case, not a scope)
CASE = re.compile(r"^(?:有违法所得|没有违法所得|违法所得|造成|给[^，；。]{0,10}造成|对[^，；。]{0,10}造成|致使|导致|发生|影响|危害)")
ALTERNATIVE_BASE = re.compile(r"^(?:没有|无)[^，；。]*的$|^[^，；。]*不足[^，；。]*的$")


def _chain(previous: str | None, condition: str) -> str:
    """A condition that qualifies the one before it in the same sentence: 情节较轻 always does
    (拒不停止排放的，处十日以上拘留；情节较轻的，处五日以上拘留); 情节严重/拒不改正 only qualify a
    condition that is not itself one of them (报告书的，…，情节严重的，…)."""
    if previous and AMOUNT_BAND.search(previous):
        return condition
    if previous and (condition.startswith("情节较轻") or
                     (re.match(r"情节|拒不|逾期", condition) and not re.match(r"情节|拒不|逾期", previous))):
        return f"{previous}，{condition}"
    return condition


def _chain_across(previous: str | None, condition: str, previous_text: str = "") -> str:
    """A condition opening a ；-segment after a segment whose own condition is a consequence or a gain
    (有违法所得的, 造成…的): 情节严重 is then a case of its own (有违法所得的，并处没收违法所得；情节严重的，取消…),
    and so are 拒不改正、逾期 unless that segment gave the order refused (造成水污染的，责令限期采取治理措施…；
    逾期不采取治理措施的 is under it; 造成严重后果的，并处…罚款；拒不改正的，代为治理 is not). 情节较轻 and a
    condition after a scope (法律、法规未作规定的，…；情节严重的) follow ``_chain``."""
    last = previous.rpartition("，")[2] if previous else ""
    if CASE.match(last) and (re.match(r"情节(?!较轻)", condition)
                             or (re.match(r"拒不|逾期", condition) and not re.search(r"责令|限期", previous_text))):
        return condition
    return _chain(previous, condition)


def sanction_pieces(text: str, condition: str | None) -> list[Sanction]:
    """A sanction text cut at the conditions inside it (…，情节严重的，处…): one Sanction per stretch.

    A condition inside a stretch governs the next piece and the pieces that continue it (并…, 处…);
    "逾期不拆除的，强制拆除，所需费用由违法者承担，处…罚款" therefore leaves the fine unconditional."""
    pieces = [p for p in text.split("，") if p]
    result: list[Sanction] = []
    buffer: list[str] = []
    current = condition
    local = False
    inherit: set[int] = set()       # pieces that open with a condition of their own
    for index, piece in enumerate(pieces):
        following = pieces[index + 1] if index + 1 < len(pieces) else ""
        is_condition = piece.endswith("的") and following and SANCTION_START.match(following) \
            and not re.search(r"罚款|拘留", piece) and not SANCTION_START.match(piece)
        if is_condition:
            if buffer:
                result.append(read_sanction("，".join(buffer), current))
            buffer = []
            inherit.add(len(result))
            # 情节严重的，并处A，没有猎获物或者猎获物价值不足二千元的，并处B: B is the same case's other base
            current = _alternative(current, piece) if current and ALTERNATIVE_BASE.match(piece) else _chain(current, piece)
            local = True
            continue
        # 违法所得在五万元以上的，单处或者并处…罚款，并可以由有关部门依法予以处分: an amount band grades the fine (and what is
        # counted on it), not a measure after it (issue 17x)
        banded = local and current and AMOUNT_BAND.search(current.rpartition("，")[2]) and not re.search(r"罚款|没收|拘留", piece)
        if local and buffer and (not CONTINUATION.match(piece) or banded):
            result.append(read_sanction("，".join(buffer), current))
            buffer = []
            current = condition
            local = False
        buffer.append(piece)
    if buffer:
        result.append(read_sanction("，".join(buffer), current))
    # 对个人处一百元以上五百元以下罚款，情节严重的，处五百元以上一万元以下罚款: a condition right after a fine on a named
    # target (个人, 直接负责的主管人员…) in the same sentence grades that target's fine (issue 17s)
    for index in sorted(inherit):
        if 0 < index < len(result) and result[index - 1].fines and result[index - 1].fines[-1].target \
                and not result[index - 1].text.endswith("拘留"):
            for fine in result[index].fines:
                fine.target = fine.target or result[index - 1].fines[-1].target
    return [s for s in result if s.text.strip()]


def _alternative(current: str, piece: str) -> str:
    """违法所得五万元以上的，并处A，违法所得不足五万元的，并处B: B's band replaces A's (a sibling, not a
    sub-case); 情节严重的，并处A，没有猎获物…的，并处B: B is the same case's other base."""
    head, _, last = current.rpartition("，")
    if AMOUNT_BAND.search(last):
        return f"{head}，{piece}" if head else piece
    return f"{current}，{piece}"
