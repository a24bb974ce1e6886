"""效力层级 in the ranking: texts below the national laws give way to them unless asked for (issue 11).

With a collection of regulations, rules, judicial interpretations and local law loaded (LawRefBook:
five lower-level articles for each national one), a lower-level article that restates or details
a national one can push the national article that answers out of the top 10. The rule, applied to
the fused hybrid scores (in units of the fused scale) after the law and penalty boosts:

* **asked for** — a query that names a lower-level text (a 条例/办法/细则/规章/司法解释 word, or a
  province or city that local law in the index belongs to: ``广东省对露天焚烧…``) is ranked on its
  fused scores alone: the staff member wants that text;
* otherwise the **level prior** (``LAWKB_LEVEL_PRIOR``) is taken off every lower-level row, so it
  outranks a national article only when it matches clearly better;
* and the **national zone** (``LAWKB_LEVEL_ZONE``): national hits scoring within the zone of the best
  national hit are listed before every lower-level hit — a tie-break zone in which 效力层级 decides.

``level_order`` is the whole rule (hybrid search applies it; benchmarks/research_level_prior.py
chooses both constants by cross-validation through it).
"""

from __future__ import annotations

import re

import numpy as np

from kb.regions import PROVINCES, SHORT_NAMES

NATIONAL_LEVELS = ("宪法", "法律")
# words that name a text below the national laws (法律 are 法; 办法/规定 are named by their title form)
LOWER_TEXT = re.compile(r"条例|细则|规章|司法解释|《[^》]*(?:办法|规定|解释|决定|规则)》|暂行办法|实施办法|管理办法|"
                        r"地方性法规|地方法规|行政法规|部门规章")


def region_names(regions) -> tuple[str, ...]:
    """The names a query may use for the regions of the local law in the index: 广东省 and 广东,
    广州市 and 广州 (two characters at least)."""
    names = set()
    for region in regions:
        for part in str(region or "").split("/"):
            part = part.strip()
            if not part:
                continue
            names.add(part)
            short = re.sub(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|自治州|地区|盟|县)$", "", part)
            if len(short) >= 2:
                names.add(short)
    names |= {p for p in PROVINCES if p in names} | {s for s, p in SHORT_NAMES.items() if p in names}
    return tuple(sorted(names, key=len, reverse=True))


def asks_for_lower(query: str, regions: tuple[str, ...] = ()) -> bool:
    """Does the query name a lower-level text: a regulation's kind, or a region with local law?"""
    if LOWER_TEXT.search(query):
        return True
    return any(name in query for name in regions)


def level_order(scores: np.ndarray, lower: np.ndarray, prior: float, zone: float, asked: bool = False
                ) -> tuple[np.ndarray, np.ndarray]:
    """(order, adjusted scores) of candidates (scores best first or not; ``lower`` 1/True per row for
    texts below the national laws). ``prior``/``zone`` in units of the fused scale; ``asked``: the
    query names a lower-level text (no change)."""
    scores = np.asarray(scores, dtype=np.float64)
    lower = np.asarray(lower, dtype=bool)
    if asked or len(scores) == 0 or (prior <= 0 and zone <= 0):
        return np.argsort(-scores, kind="stable"), scores
    adjusted = scores - prior * lower
    protected = np.zeros(len(scores), dtype=bool)
    if zone > 0 and (~lower).any():
        best = float(adjusted[~lower].max())
        protected = ~lower & (adjusted >= best - zone)
    # protected national hits first, then everything else by adjusted score
    order = np.lexsort((-adjusted, ~protected))
    return order, adjusted
