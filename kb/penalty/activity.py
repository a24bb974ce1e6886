"""A duty of whoever carries on an activity binds a conduct that is carrying it on (issue 17vv).

Backlog rows (benchmarks/penalty_links.tsv) whose right duty is found but scores under the weak floor because it is not
seen to bind the offender: 生态环境法典第一千一百五十五条第一款第三项 从事船舶拆解…，造成海洋环境污染损害 → 第三百八十八条 从事船舶
拆解的单位，应当采取有效的污染防治措施… (0.18). The item names no party (有下列情形之一的), so no duty binds "its" offender; but
the duty's subject is named by the very activity the conduct opens with: whoever does that activity is bound.

``activity_units(conduct, texts)``: for a conduct opening with 从事/开展/经营/举办 + an activity (its words up to the first 、，；。
or 的: 船舶拆解), the units one of whose sentences opens with the same verb and that very activity as its party's name
(从事船舶拆解的单位，) and states a duty (应当/必须/不得). Not an activity merely opening the duty's (经营海关监管货物仓储业务的企业
for 经营海关监管货物的运输、储存、加工等业务, labelled none in sample 12: a first form taking the activity's first four characters and
any words after them linked it to 海关法第三十八条). In ``kb.penalty.links`` such a unit binds the offender: it takes the subject boost a duty naming the offender
takes, and the weak floor no longer rejects it; the normal floor still judges it.
"""

from __future__ import annotations

import re

ACTIVITY = re.compile(r"^(?P<verb>从事|开展|经营|举办)(?P<act>[^，；。、的]{2,})")


def activity_units(conduct: str, texts: list[str]) -> list[bool]:
    """Which units bind whoever carries on the activity the conduct opens with (see the module)."""
    match = ACTIVITY.match(conduct)
    if not match:
        return [False] * len(texts)
    duty = re.compile(rf"(?:^|[。；\n]){match.group('verb')}{re.escape(match.group('act'))}的(?:单位|个人|者|企业|经营者)?，(?:应当|必须|不得)")
    return [bool(duty.search(text)) for text in texts]
