"""Which obligation article a penalty row's conduct violates (违反条款).

Explicit references come first: 违反本法第六十九条规定 resolves to that article of the same version.
Otherwise the conduct is matched to the law's obligation clauses — every 款 (and every 项 with
its 款's lead) of an article that is not itself a sanction clause — by the geometric mean of the
TF-IDF cosine (``kb.textsim``) and the share of the conduct's weighted terms the clause holds
(cosine alone favours short clauses sharing a word or two: 1100 → 第七百九十三条 节水设施 instead of
第一百六十二条 污染防治设施; on the rows of 第一千零八十五至一千一百七十三条 the mean was better on 6
of the 9 rows where the two disagree, worse on 3). The best article is linked with ``how="matched"``
and its score; articles scoring at least ``ALTERNATIVE_SHARE`` of the best are offered too.
Definitions (本法所称…是指) are not obligations. Not linked: catch-all items (其他违反…的行为) and rows
whose only consequence is 追究刑事责任 (no duty of their own); a row "其他生产经营者有前两款违法情形"
takes the links of the rows of those 款. The provisions a section says it punishes (违反本法第二编
第一分编第二章等规定，适用本节规定) are kept on the row as ``scope`` for the reader, not used to filter:
"等" admits others, and on the 15 rows of 第一千一百零二至一千一百一十二条 a filter on the scope changed
11 links, 9 of them for the worse (超标排放 breaks 第一百五十一条, outside 第二章).

A match below ``MIN_SCORE`` is not linked: the row says that no obligation clause was found.
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from kb.clause import Clause
from kb.numerals import CN_NUMBER_CHARS
from kb.penalty.references import Reference
from kb.penalty.rows import PenaltyRow
from kb.textsim import features, jieba_module, matrix, vocabulary

MIN_SCORE = 0.08
CATCH_ALL = re.compile(r"^(?:有)?其他")
ALTERNATIVE_SHARE = 0.9
LIABILITY_PATH = re.compile(r"法律责任|罚则")
SCOPE = re.compile(rf"^违反本(?:法|条例)(?P<scope>(?:第[{CN_NUMBER_CHARS}]+(?:编|分编|章|节))+)等?规定，适用本(?:节|章)")
CONDUCT_NOISE = re.compile(r"违反本(?:法|条例|规定|办法)(?:有关)?规定|违反国家(?:有关)?规定|依法|按照规定|依照本法规定|有关|"
                           r"之一|下列(?:行为|情形)|的$")


DEFINITION = re.compile(r"^[^。]{0,30}(?:所称|是指)")


def is_obligation(clause: Clause, sanction_ids: set[int]) -> bool:
    """An article that may impose the duty a conduct breaks: not a sanction clause, not in a 法律责任
    chapter, not a definition (本法所称噪声污染，是指…)."""
    if clause.id in sanction_ids or clause.kind != "article" or DEFINITION.match(clause.text):
        return False
    return not any(LIABILITY_PATH.search(part) for part in clause.path)


def section_scopes(clauses: list[Clause]) -> dict[tuple[str, ...], str]:
    """{section path: scope text} from each section's "违反本法…等规定，适用本节规定" article."""
    scopes = {}
    for clause in clauses:
        match = SCOPE.match(clause.text.strip())
        if match:
            scopes.setdefault(clause.path, match.group("scope"))
    return scopes


PRIOR_CONDUCT = re.compile(r"有前(?:两|三)?款")


def _criminal_only(row: PenaltyRow) -> bool:
    measures = {m for s in row.sanctions for m in s.measures}
    return measures == {"追究刑事责任"} and not any(s.fines or s.detentions for s in row.sanctions)


def _inherit_prior(rows: list[PenaltyRow]) -> None:
    """A row whose conduct is 其他生产经营者有前两款违法情形 violates what the rows of those 款 violate."""
    for row in rows:
        if row.references or not PRIOR_CONDUCT.search(row.conduct):
            continue
        earlier = [r for r in rows if r.clause.id == row.clause.id and r.paragraph < row.paragraph]
        row.references = list({(ref.article, ref.suffix): ref for r in earlier for ref in r.references}.values())


def units_of(clause: Clause) -> list[tuple[int, str]]:
    """(paragraph, text) units of an obligation article: each 款, and each 项 with its 款's lead."""
    units = []
    for para in clause.paragraphs():
        units.append((para.index, para.full_text))
        for item in para.items:
            units.append((para.index, f"{para.text}{item}"))
    return units


def _query(row: PenaltyRow) -> str:
    lead = row.lead.split("下列")[0] if row.lead else ""
    text = f"{lead}{row.conduct}" if row.item else row.conduct
    return CONDUCT_NOISE.sub("", text)


def link_rows(rows: list[PenaltyRow], clauses: list[Clause], min_score: float = MIN_SCORE) -> None:
    """Fill ``references`` of the rows of one document version (``clauses``: its articles)."""
    if not rows:
        return
    by_number = {(c.article, c.article_suffix): c for c in clauses if c.article is not None}
    sanction_ids = {row.clause.id for row in rows}
    obligations = [c for c in clauses if is_obligation(c, sanction_ids)]
    scopes = section_scopes(clauses)
    for row in rows:
        row.scope = scopes.get(row.clause.path)
        resolved = []
        for ref in row.references:
            target = by_number.get((ref.article, ref.suffix))
            if target is not None:
                resolved.append(replace(ref, how="explicit", clause_id=target.id, text=target.text))
        row.references = resolved
    # a catch-all item (其他违反…的行为) names no duty of its own, nor does a row whose only
    # consequence is criminal liability (构成犯罪的，依法追究刑事责任): neither is linked
    pending = [row for row in rows if not row.references and not CATCH_ALL.match(row.conduct)
               and not _criminal_only(row) and not PRIOR_CONDUCT.search(row.conduct)]
    if not pending or not obligations:
        _inherit_prior(rows)
        return
    jieba = jieba_module()
    units = [(clause, paragraph, text) for clause in obligations for paragraph, text in units_of(clause)]
    unit_bags = [features(text, jieba) for _, _, text in units]
    query_bags = [features(_query(row), jieba) for row in pending]
    vocab, idf = vocabulary(unit_bags + query_bags)
    queries, unit_matrix = matrix(query_bags, vocab, idf), matrix(unit_bags, vocab, idf)
    cosine = (queries @ unit_matrix.T).toarray()
    present = (unit_matrix > 0).astype(float)
    coverage = (queries @ present.T).toarray() / np.maximum(np.asarray(queries.sum(axis=1)), 1e-9)
    scores = np.sqrt(cosine * coverage)
    for row, row_scores in zip(pending, scores):
        best: dict[int, tuple[float, Clause, int]] = {}
        for index, score in enumerate(row_scores):
            clause, paragraph, _ = units[index]
            if score > best.get(clause.id, (-1.0,))[0]:
                best[clause.id] = (float(score), clause, paragraph)
        ranked = sorted(best.values(), key=lambda item: -item[0])
        if not ranked or ranked[0][0] < min_score:
            continue
        top = ranked[0][0]
        for score, clause, paragraph in ranked[:3]:
            if score < ALTERNATIVE_SHARE * top and score != top:
                break
            paragraph = paragraph if len(clause.paragraphs()) > 1 else None
            row.references.append(Reference(clause.article, clause.article_suffix, paragraph, "matched", score,
                                            clause.id, clause.focus(paragraph).focus_text))
    _inherit_prior(rows)
