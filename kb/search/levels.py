"""效力层级 in the ranking: the national answer is never pushed off the first page (issue 11).

With a collection of regulations, rules, judicial interpretations and local law loaded (LawRefBook:
five lower-level articles for each national one), a lower-level article that restates or details a
national one would push the national article that answers out of the first page. Legal databases
(北大法宝, 威科先行) answer this by grouping hits by 效力级别; hybrid search does the same:

* **asked for** — a query that names a lower-level text (a 条例/办法/细则/规章/司法解释 word, or a
  province or city that local law in the index belongs to: ``广东省对露天焚烧…``) gets one mixed
  ranking on the fused scores for its first ``top_k`` hits (``LAWKB_LEVEL_INTENT``): the staff
  member wants that text; the group (below) then holds the best lower-level texts after them;
* otherwise the **national group**: the first ``top_k`` hits are the national laws (宪法, 法律) ranked
  exactly as a search of the national texts alone ranks them (their own candidate pools, min-max
  normalisation and boosts: a collection crowding the mixed candidate pool cannot reorder them), so
  no lower-level text can push a national answer off the first ``top_k``;
* then the **lower-level group** (``GROUP_TITLE``, 配套法规、规章与地方性法规): up to
  ``LAWKB_LEVEL_GROUP`` texts below the national laws, the best of the mixed ranking, those binding
  in the bureau's region (``LAWKB_REGION``) first. Other regions' local law is already left out by
  the search filters when a region is set; it is never marked binding.

Each hit says which it is in (``Hit.group``: ``GROUP_MAIN`` or ``GROUP_LOWER``; the first ``top_k``
hits are ``GROUP_MAIN``, also the lower-level ones of a mixed ranking). A filter that leaves no
national row (``--level 行政法规``) gives one ranking and no group: the user asked for those texts.

Measured before (benchmarks/research_level_prior.py, BENCHMARKS.md): a level prior and at most 3
lower-level "slots" in the first 10 kept STARD R@10 within 0.01 of the national texts alone, but 15
of 832 questions still lost their national answer (ranks 8–10) to the slots; any lower-level hit
inside the first page can do that, so only a separate group reaches 0.
"""

from __future__ import annotations

import re

import numpy as np

from kb.regions import PROVINCES, SHORT_NAMES

NATIONAL_LEVELS = ("宪法", "法律")
GROUP_MAIN = "main"      # the national ranking (or the one mixed ranking of a query asking for lower texts)
GROUP_LOWER = "lower"    # the group of texts below the national laws after it
GROUP_TITLE = "配套法规、规章与地方性法规"
# words that name a text below the national laws (法律 are 法; 办法/规定 are named by their title form)
LOWER_TEXT = re.compile(r"条例|细则|规章(?!制度)|司法解释|《[^》]*(?:办法|规定|解释|决定|规则)》|暂行办法|实施办法|管理办法|"
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


def lower_group(rows: np.ndarray, lower: np.ndarray, preferred: np.ndarray | None, size: int) -> np.ndarray:
    """The lower-level group, as places in the ranked ``rows`` (best first; ``lower`` and
    ``preferred`` are per index row): the first ``size`` lower-level rows, those ``preferred`` (in
    force, binding in the bureau's region) first, each part in ranking order."""
    rows = np.asarray(rows, dtype=np.int64)
    if size <= 0 or len(rows) == 0:
        return np.zeros(0, dtype=np.int64)
    places = np.flatnonzero(np.asarray(lower, dtype=bool)[rows])
    if preferred is not None and len(places):
        places = places[np.argsort(~np.asarray(preferred, dtype=bool)[rows[places]], kind="stable")]
    return places[:size]


def grouped(national_rows: np.ndarray, national_scores: np.ndarray, group_rows: np.ndarray,
            group_scores: np.ndarray, top_k: int) -> tuple[np.ndarray, np.ndarray, int]:
    """(rows, scores, where the group starts): the first ``top_k`` national rows, then the group."""
    head = min(int(top_k), len(national_rows))
    rows = np.concatenate([np.asarray(national_rows[:head], np.int64), np.asarray(group_rows, np.int64)])
    scores = np.concatenate([np.asarray(national_scores[:head], np.float64), np.asarray(group_scores, np.float64)])
    return rows, scores, head
