"""Rows whose conduct names no act, so no duty can be its link (issue 17yy).

* A bare breach of the law by a named party (基层群众性自治组织中从事管理的人员有违法行为的，监察机关可以予以警告): the
  conduct is only "has acted unlawfully", like 有本法规定的违法行为 (``links.ANY_VIOLATION``); whatever the party broke,
  the 款 does not say, and matching its name alone links a clause about that party that is no breach.
* A body's decision to sanction (决定给予政务处分的，应当制作政务处分决定书): the 款 is the procedure the sanctioning body
  follows, no offence; its "conduct" is that body's own decision.
"""

from __future__ import annotations

import re

# the whole conduct is a party + 有违法行为 / 有违纪违法行为 (no act named before or after)
BARE_VIOLATION = re.compile(r"^[^，；。]{0,40}?有(?:违法|违纪|违规){1,2}(?:犯罪)?行为$")
# the whole conduct is a decision to give a sanction (决定给予政务处分, 作出给予…处分的决定)
SANCTION_DECISION = re.compile(r"^(?:[^，；。]{0,20}?(?:机关|部门|机构))?(?:决定|作出)(?:给予|予以)[^，；。]{0,10}?(?:处分|处罚)(?:的决定)?$")


def names_no_act(conduct: str) -> bool:
    """The conduct names no act of the offender: a bare 有违法行为, or a body's decision to sanction."""
    conduct = conduct.strip()
    return bool(BARE_VIOLATION.match(conduct) or SANCTION_DECISION.match(conduct))
