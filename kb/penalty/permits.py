"""Permit conducts and permit duties (issue 17q, rule c).

A conduct done without a permit or approval (未经许可举办…, 擅自设立保险公司, 未取得…许可证从事…) breaks the clause
that requires the permit (举办高危险性体育赛事活动，应当…提出申请; 设立保险公司应当经…批准; 未经许可，不得…), not
another duty sharing its topic words (体育法第九十条第三款 组织者应当投保…). For such a conduct a clause stating a
permit requirement (经/由/报…批准、审批、核准、备案、登记; 取得…许可证; 提出申请; 方可; 未经…不得) scores
``PENALTY_LINK_SUBJECT_BOOST`` more, as a clause binding the offender does: it is the duty of the kind the conduct
breaks. (A first form kept only ``PENALTY_LINK_NO_DUTY_WEIGHT`` of every other clause's match: it unlinked 30 rows
whose permit is stated in words the pattern does not know, 动物运输…应当向…备案 among them.)
"""

from __future__ import annotations

import re

GRANT = r"(?:许可|批准|核准|审批|登记|注册|备案|同意|资格|资质|执照|许可证|证书)"
PERMIT_CONDUCT = re.compile(rf"未经[^，；。]{{0,20}}?{GRANT}|擅自(?:设立|举办|开办|从事|经营|开展|变更|成立)|"
                            rf"未(?:依法)?(?:取得|领取|办理)[^，；。]{{0,20}}?{GRANT}|无证|超越[^，；。]{{0,6}}(?:许可|批准|资质)")
PERMIT_DUTY = re.compile(rf"(?:经|由|报|向)[^。；]{{0,40}}?(?:批准|审批|核准|许可|备案|登记|同意)|(?:取得|领取)[^。；]{{0,20}}?{GRANT}|"
                         rf"申请[^。；]{{0,20}}?(?:许可|核准|登记|批准)|提出申请|方可|具备[^。；]{{0,20}}?(?:资格|资质)|未经[^。；]{{0,30}}?(?:不得|禁止)|"
                         rf"实行[^。；]{{0,20}}?(?:许可|审批|登记)(?:制度|管理)")


def permit_conduct(conduct: str) -> bool:
    """The conduct is acting without (or beyond) a permit, approval or registration."""
    return bool(PERMIT_CONDUCT.search(conduct))


def permit_duty(text: str) -> bool:
    """The unit requires a permit, approval, filing or registration (…应当经…批准, 由…审批, 提出申请, 取得…资质证书, 未经许可，不得…)."""
    return bool(PERMIT_DUTY.search(text))


# (issue 17t) a qualification conduct (非医师行医, 未取得…资格/执业证书从事…) breaks the clause saying one may not practise
# without the qualification (未注册取得医师执业证书，不得从事医师执业活动; 取得…资格…方可从事…), in any profession's law
# (issue 17uu) a licence of persons (航空人员执照) is a qualification too: 未取得…执照 is acting without it, and 取得…执照，方可…
# the clause requiring it (民用航空法第二百三十七条 → 第三十七条第一款)
QUALIFICATION = r"(?:资格|执业证书|执业证|执业注册|职业资格|资格证书|执照)"
QUALIFICATION_CONDUCT = re.compile(rf"(?:^|[，、])非(?!法)[^，；。、]{{1,10}}?(?:行医|执业|从业)|"
                                   rf"未(?:依法)?(?:取得|领取|注册|经注册)[^，；。]{{0,20}}?{QUALIFICATION}[^，；。]{{0,6}}(?:从事|行医|执业)|"
                                   rf"^未(?:依法)?(?:取得|领取)[^，；。]{{0,12}}?人员执照")
QUALIFICATION_DUTY = re.compile(rf"未(?:经)?(?:依法)?(?:注册)?(?:取得|领取)[^。；]{{0,20}}?{QUALIFICATION}[^。；]{{0,4}}，?[^。；]{{0,6}}(?:不得|禁止)"
                                rf"[^。；]{{0,10}}(?:从事|执业|行医)|(?:取得|具有|具备)[^。；]{{0,20}}?{QUALIFICATION}[^。；]{{0,20}}(?:方可|才能|后方|始得)")


def qualification_conduct(conduct: str) -> bool | None:
    """True when the conduct is practising a profession without its qualification (非医师行医, 未取得律师执业证书从事…),
    else None (as ``kb.penalty.candour.candour_conduct`` says no kind)."""
    return True if QUALIFICATION_CONDUCT.search(conduct) else None


def qualification_duty(text: str) -> bool:
    """The unit forbids practising without the qualification (未注册取得医师执业证书，不得从事医师执业活动)."""
    return bool(QUALIFICATION_DUTY.search(text))


ROLE = re.compile(r"(?:^|[，、])非(?!法)(?P<role>[^，；。、]{1,10}?)(?:行医|执业|从业)")


def qualification_words(conduct: str) -> str:
    """Words a qualification clause states a 非…执业 conduct in: 非医师行医 → 医师执业证书 医师执业活动 (行医 is 医师's 执业;
    the profession's name alone is in nearly every clause of its law, so it matches none)."""
    match = ROLE.search(conduct)
    return f"{match.group('role')}执业证书 {match.group('role')}执业活动" if match else ""


# (issue 17ii) 未取得…合格证书，施行终止妊娠手术… → 从事…终止妊娠手术的人员，必须经过…考核，并取得相应的合格证书
CERTIFICATE_CONDUCT = re.compile(r"^未(?:依法)?取得[^，；。]{0,20}?(?P<cert>证书|执照|资格证|许可证)，?(?:擅自)?(?:施行|从事|进行|开展)?(?P<act>[^，；。、或和]{4})")


def certificate_duty(conduct: str, text: str) -> bool:
    """The unit requires whoever does the conduct's act to hold the certificate it lacks: the act's first four characters
    (终止妊娠), then within one sentence 必须/应当…取得…the certificate's kind (证书)."""
    match = CERTIFICATE_CONDUCT.match(conduct)
    if not match:
        return False
    act, cert = match.group("act"), match.group("cert")
    return any(act in sentence and re.search(rf"{re.escape(act)}[^。；]{{0,30}}(?:必须|应当)[^。；]{{0,40}}取得[^。；]{{0,12}}{cert}", sentence)
               for sentence in re.split(r"[。\n]", text))
