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
* and **lower-level slots** (``LAWKB_LEVEL_SLOTS``): at most that many lower-level hits (the best of
  them after the prior) among the first 10, so the national hits that lead the national ranking keep
  their place on the first page; the other lower-level hits follow rank 10 in score order.

Before both, the **national tier** (``LAWKB_LEVEL_TIERS``): loading the collection also changes how
the national rows score *among themselves* — the lexical top 400 (the candidate pool, and the rows
its min-max floor and top come from) fills with lower-level rows (240–370 of 400 on the STARD
questions) and its best score is often a lower-level row's, so national rows drop out of the pool
and every other national row's lexical term is squeezed against the neural term (national rows
only); the law boost then adds the shifted scores. So the national rows are also fused on their own
(their own candidate pools, normalisation and boosts, exactly as with the national texts alone) and
``national_order`` puts them, in that order, into the national places of the mixed ranking, taking
the mixed fused scores of those places in turn: the national ranking of a national-only search, the
scale of the mixed one (so the prior and slots compare the tiers as before).

A tie-break zone (national hits within a margin of the best national one listed first) was measured
too and not kept: it buried the regulations a question is about (benchmarks/research_level_prior.py).

``national_order`` and ``level_order`` are the whole rule (hybrid search applies it; benchmarks/research_level_prior.py
chooses the constants by cross-validation through it).
"""

from __future__ import annotations

import re

import numpy as np

from kb.regions import PROVINCES, SHORT_NAMES

NATIONAL_LEVELS = ("宪法", "法律")
WINDOW = 10   # the first page of hits, where the national answer must stay
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


def level_order(scores: np.ndarray, lower: np.ndarray, prior: float, slots: int = WINDOW, asked: bool = False
                ) -> tuple[np.ndarray, np.ndarray]:
    """(order, adjusted scores) of candidates (``lower`` 1/True per row for texts below the national
    laws): ``prior`` (fused scale) off every lower-level row, then at most ``slots`` lower-level rows
    among the first WINDOW (the best of them; the others follow rank WINDOW in score order).
    ``asked``: the query names a lower-level text — the fused order, unchanged."""
    scores = np.asarray(scores, dtype=np.float64)
    lower = np.asarray(lower, dtype=bool)
    if asked or len(scores) == 0:
        return np.argsort(-scores, kind="stable"), scores
    adjusted = scores - prior * lower
    order = np.argsort(-adjusted, kind="stable")
    if slots >= WINDOW:
        return order, adjusted
    top, later, taken, position = [], [], 0, 0
    while len(top) < WINDOW and position < len(order):
        row = int(order[position])
        position += 1
        if not lower[row] or taken < slots:
            top.append(row)
            taken += bool(lower[row])
        else:
            later.append(row)
    rest = np.concatenate([np.array(later, dtype=np.int64), order[position:]])
    rest = rest[np.argsort(-adjusted[rest], kind="stable")]   # the lower rows set aside, back in score order
    return np.concatenate([np.array(top, dtype=np.int64), rest]), adjusted


def national_order(rows: np.ndarray, scores: np.ndarray, lower: np.ndarray, national_rows: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray]:
    """(rows, scores): the mixed ranking ``rows`` (``scores`` best first, ``lower`` per row) with its
    national places refilled in the order of ``national_rows`` (the national tier fused on its own,
    best first; then the mixed ranking's other national rows in their order). Scores stay with the
    places; national-tier rows beyond the mixed ranking's national places (lower-level rows filled
    its candidate pool) follow at its last score, for the slots to lift them."""
    rows = np.asarray(rows, dtype=np.int64)
    scores = np.asarray(scores, dtype=np.float64)
    lower = np.asarray(lower, dtype=bool)
    tier = np.asarray(national_rows, dtype=np.int64)
    if len(tier) == 0:
        return rows, scores
    places = np.flatnonzero(~lower)
    national = np.concatenate([tier, rows[places][~np.isin(rows[places], tier)]])
    out = rows.copy()
    out[places] = national[:len(places)]
    extra = national[len(places):len(tier)]
    floor = float(scores[-1]) if len(scores) else 0.0
    return np.concatenate([out, extra]), np.concatenate([scores, np.full(len(extra), floor)])
