"""Rows whose conduct names no act, so no duty can be its link (issue 17yy).

* A bare breach of the law by a named party (基层群众性自治组织中从事管理的人员有违法行为的，监察机关可以予以警告): the
  conduct is only "has acted unlawfully", like 有本法规定的违法行为 (``links.ANY_VIOLATION``); whatever the party broke,
  the 款 does not say, and matching its name alone links a clause about that party that is no breach.
* A body's decision to sanction (决定给予政务处分的，应当制作政务处分决定书): the 款 is the procedure the sanctioning body
  follows, no offence; its "conduct" is that body's own decision.
* A public body's finding (履行个人信息保护职责的部门在履行职责中，发现违法处理个人信息涉嫌犯罪的，应当及时移送公安机关): what the
  body does on finding it is its procedure, no offence of the body, when the conduct ends with what was found (no failure
  follows: …发现…，不向公安机关报告 is an offence and keeps its link).
"""

from __future__ import annotations

import re

# the whole conduct is a party + 有违法行为 / 有违纪违法行为 (no act named before or after)
BARE_VIOLATION = re.compile(r"^[^，；。]{0,40}?有(?:违法|违纪|违规){1,2}(?:犯罪)?行为$")
# the whole conduct is a decision to give a sanction (决定给予政务处分, 作出给予…处分的决定)
SANCTION_DECISION = re.compile(r"^(?:[^，；。]{0,20}?(?:机关|部门|机构))?(?:决定|作出)(?:给予|予以)[^，；。]{0,10}?(?:处分|处罚)(?:的决定)?$")

# the whole conduct is a public body's finding, ending with what it found
BODY_FINDING = re.compile(r"^[^，；。]{0,40}?(?:部门|机关|机构|政府|委员会)(?:在[^，；。]{0,30}?，?)?发现(?P<found>[^，；。]*)$")
FAILURE = re.compile(r"不(?!再)|未|拒")


def body_finding(conduct: str) -> bool:
    """The conduct is a public body's finding (…部门在履行职责中，发现…涉嫌犯罪), with no failure of the body in it."""
    match = BODY_FINDING.match(conduct)
    return bool(match) and not FAILURE.search(match.group("found"))


def names_no_act(conduct: str) -> bool:
    """The conduct names no act of the offender: a bare 有违法行为, a body's decision to sanction, or its finding."""
    conduct = conduct.strip()
    return bool(BARE_VIOLATION.match(conduct) or SANCTION_DECISION.match(conduct) or body_finding(conduct))
