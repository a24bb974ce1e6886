"""Permit conducts and permit duties (issue 17q, rule c).

A conduct done without a permit or approval (未经许可举办…, 擅自设立保险公司, 未取得…许可证从事…) breaks the clause
that requires the permit (举办高危险性体育赛事活动，应当…提出申请; 设立保险公司应当经…批准; 未经许可，不得…), not
another duty sharing its topic words (体育法第九十条第三款 组织者应当投保…). For such a conduct a clause stating no
permit requirement keeps ``PENALTY_LINK_NO_DUTY_WEIGHT`` of its match, as a clause stating no duty does: it is no duty
of the kind the conduct breaks.
"""

from __future__ import annotations

import re

GRANT = r"(?:许可|批准|核准|审批|登记|注册|备案|同意|资格|资质|执照|许可证|证书)"
PERMIT_CONDUCT = re.compile(rf"未经[^，；。]{{0,20}}?{GRANT}|擅自(?:设立|举办|开办|从事|经营|开展|变更|成立)|"
                            rf"未(?:依法)?(?:取得|领取|办理)[^，；。]{{0,20}}?{GRANT}|无证|超越[^，；。]{{0,6}}(?:许可|批准|资质)")
PERMIT_DUTY = re.compile(rf"(?:应当|必须|须)[^。；]{{0,30}}?(?:经[^。；]{{0,30}}?{GRANT}|申请|(?:取得|领取|办理|依法取得)"
                         rf"[^。；]{{0,20}}?{GRANT})|未(?:经|取得)[^。；]{{0,30}}?{GRANT}[^。；]{{0,30}}?(?:不得|禁止)|"
                         rf"(?:不得|禁止)[^。；]{{0,20}}?(?:未经|未取得|无){GRANT}?|实行[^。；]{{0,20}}?(?:许可|审批|登记)(?:制度|管理)")


def permit_conduct(conduct: str) -> bool:
    """The conduct is acting without (or beyond) a permit, approval or registration."""
    return bool(PERMIT_CONDUCT.search(conduct))


def permit_duty(text: str) -> bool:
    """The unit requires a permit, approval or registration (…应当经…批准, …应当申请…, 未经许可，不得…)."""
    return bool(PERMIT_DUTY.search(text))
