"""Links a row takes from its own article (issue 17n; moved out of ``kb.penalty.links`` in issue 17q).

A conduct that names an earlier 款 of its article (有前款/前两款…情形, 违反本条第一款规定, 未按照要求修建前款所列工程设施)
either takes the links of the rows of those 款 (``inherit``, also for 有本法第四十八条第一项违法行为 naming another
sanction clause) or, when the named 款 is no penalty row but states a duty, links it explicitly (``prior_duties``:
疫苗管理法第七十三条第二款 → 第一款).
"""

from __future__ import annotations

import re
from dataclasses import replace

from kb.numerals import CN_NUMBER_CHARS
from kb.penalty.duties import states_duty
from kb.penalty.references import PARAGRAPH, Reference, numbered
from kb.penalty.rows import PenaltyRow

# 有前款/前两款…情形, 本条第一款、第三款规定的行为, 未按照要求修建前款所列工程设施 (not 前款所列机构…: a subject)
# (issue 17ee) also 违反前两款规定, 违反前款第一项规定 (人民警察法第三十六条第三款 → 第一款、第二款), not 对违反前款规定的平台内经营者
SUBJECT = r"(?:机构|单位|人员|企业|经营者|当事人)"
PRIOR_CONDUCT = re.compile(rf"有前(?P<n>两|三)?款|违反前(?P<v>两|三)?款(?P<vi>第[一二三四五六七八九十]+项)?(?![^，；。]{{0,9}}?{SUBJECT})|"
                           rf"前(?P<m>两|三)?款(?P<mi>第[一二三四五六七八九十]+项)?(?:规定|所列)的?(?![^，；。]{{0,6}}?{SUBJECT})|"
                           rf"本条(?P<named>(?:第[{CN_NUMBER_CHARS}]+款[、和或者至]*)+)")


def prior_paragraphs(row: PenaltyRow) -> list[int] | None:
    """The 款 a conduct refers back to (前款, 前两款, 本条第一款、第三款); None when it names none."""
    match = PRIOR_CONDUCT.search(row.conduct)
    if not match:
        return None
    if match.group("named"):
        return numbered(match.group("named"), PARAGRAPH)
    back = {"两": 2, "三": 3}.get(match.group("n") or match.group("v") or match.group("m") or "", 1)
    return list(range(max(1, row.paragraph - back), row.paragraph))


def prior_items(row: PenaltyRow) -> list[int] | None:
    """The 项 a reference back names (违反前款第一项规定 -> [1]); None when it names none (issue 17ee)."""
    match = PRIOR_CONDUCT.search(row.conduct)
    named = match and (match.group("vi") or match.group("mi"))
    return numbered(named) if named else None


def prior_duties(row: PenaltyRow, rows: list[PenaltyRow]) -> list[Reference]:
    """The 款 of the row's own article that its conduct names (未依照前款规定…, 违反前两款规定, 违反本条第一款规定)
    when they are no penalty rows but state a duty: an explicit link (疫苗管理法第七十三条第二款 → 第一款). Named 款
    that are rows are inherited from instead (``inherit``)."""
    paragraphs = prior_paragraphs(row)
    clause = row.clause
    if not paragraphs or any(other is not row and other.clause.id == clause.id and other.paragraph in paragraphs for other in rows):
        return []
    texts = clause.paragraphs()
    return [Reference(clause.article, clause.article_suffix, p, "explicit", clause_id=clause.id, text=clause.focus(p).focus_text)
            for p in paragraphs if 0 < p <= len(texts) and states_duty(texts[p - 1].text)]


# a 款 that opens with its party and its duty, no condition between (保证人应当履行以下义务, 担保人应当保证…, 被申请人应当履行…)
OWN_DUTY = re.compile(r"^(?P<party>[^，。；：、]{2,30}?)(?:应当|必须|不得)")
GENERIC = {"单位", "个人", "人员", "机构", "部门"}


def sibling_duties(row: PenaltyRow, rows: list[PenaltyRow]) -> list[Reference]:
    """A 款 of the row's own article that is no penalty row and states the duty of the party the conduct names, opening with
    it (刑事诉讼法第七十条第一款 保证人应当履行以下义务 for 第二款 保证人未履行保证义务; issue 17cc): an explicit link."""
    clause = row.clause
    texts = clause.paragraphs()
    taken = {other.paragraph for other in rows if other.clause.id == clause.id}
    found = []
    for paragraph in texts:
        match = OWN_DUTY.match(paragraph.full_text)
        if paragraph.index in taken or not match or match.group("party") in GENERIC:
            continue
        if match.group("party") in row.conduct and states_duty(paragraph.full_text):
            found.append(Reference(clause.article, clause.article_suffix, paragraph.index, "explicit", clause_id=clause.id,
                                   text=clause.focus(paragraph.index).focus_text))
    return found


def inherit(rows: list[PenaltyRow], inherits: dict[str, list[Reference]]) -> None:
    """Rows that name other rows (有前两款违法情形, 有本法第四十八条第一项违法行为) take their links."""
    by_clause: dict[int, list[PenaltyRow]] = {}
    for row in rows:
        by_clause.setdefault(row.clause.id, []).append(row)
    for _ in range(2):                      # a reference to a row that itself refers back
        for row in rows:
            if row.references:
                continue
            sources: list[PenaltyRow] = []
            for ref in inherits.get(row.id, []):
                sources.extend(r for r in by_clause.get(ref.clause_id, []) if r is not row
                               and (ref.paragraph is None or r.paragraph == ref.paragraph)
                               and (not ref.items or r.item in ref.items))
            paragraphs = prior_paragraphs(row) if row.id not in inherits else None
            if paragraphs:
                items = prior_items(row)
                sources.extend(r for r in by_clause[row.clause.id] if r.paragraph in paragraphs and r is not row
                               and (not items or r.item in items))
            if not sources:
                continue
            found = {(ref.article, ref.suffix): replace(ref, how="inherited", score=ref.score if ref.how != "explicit" else None)
                     for source in sources for ref in source.references}
            row.references = list(found.values())
            row.strict_link = any(source.strict_link for source in sources)
