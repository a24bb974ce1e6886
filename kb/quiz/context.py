"""Does a stem stand on its own? What the sentence leans on around it, in the article.

Checks shared by the sentence picker (``question.sentences``) and the validator: a cross-reference, a
heading line, a noun named earlier (接到声明后…), a 但书 cut off (within the sentence, or the sentence
"但…" that follows it), a short sentence ending on a noun of the sentence before ("各少数民族都应当有
适当名额的代表" — of which body?), and a 项 of a list of 情形/行为 (a condition or a conduct, not a rule).
"""

from __future__ import annotations

import re

from kb.quiz.question import CONTINUES, CROSS_REF, Question, refers_back
from kb.quiz.structure import is_heading_line

# a list of 情形/行为, or the items under a sanction (…责令改正，处以罚款：) — also when the source lost the
# lead's start ("境主管部门责令停止违法行为，限期改正，处以罚款：")
CONDITION_LIST = re.compile(r"下列(?:行为|情形|情况)|罚款|责令|处分|拘留")
NO_OBJECT = re.compile("(?:加强|依法|实施)监督管理。?$")
SHORT = 20     # a sentence this short that ends on the sentence before's noun does not say whose it is


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def proviso_follows(after: str) -> bool:
    """Is the next sentence of the 款 an exception to this one ("但利害关系人同为原告…除外", "…的，也可以
    不开庭审理")?"""
    following = after.lstrip().split("。")[0]
    return following.startswith("但") or following.endswith("除外") or "也可以不" in following


def ends_on_earlier_noun(sentence: str, before: str) -> bool:
    """A later sentence that does not say what it is about: short and ending on a noun of the sentence
    before ("…选出的代表组成。各少数民族都应当有适当名额的代表。"), or a supervision with no object
    ("…有关部门应当在各自职责范围内依法加强监督管理。")."""
    if before and NO_OBJECT.search(sentence):
        return True
    tail = sentence.rstrip("。")[-2:]
    last = re.split("。", before.rstrip("。"))[-1] if before else ""
    return len(sentence) <= SHORT and len(tail) == 2 and tail in last


def condition_item(lead: str) -> bool:
    """Are the 项 under this lead conditions or conducts (有下列情形之一的 / 有下列行为之一的)?"""
    return bool(CONDITION_LIST.search(lead))


def problems(q: Question, text: str) -> list[str]:
    """A stem sentence that leans on text outside it."""
    out = []
    if CROSS_REF.search(text):
        out.append("stem refers to another article (本法第…条) and reads badly on its own")
    if is_heading_line(text.rstrip("。")):
        out.append("stem is a 编/章 heading, not a rule")
    article = flat(q.clause.text)
    at = article.find(flat(text)[:12])
    if at > 0 and refers_back(text, q.clause.text[:at]):
        out.append("stem leans on a noun named earlier in the article (接到声明后…)")
    sentence, segment = q.meta.get("sentence", ""), q.meta.get("segment", "")
    if sentence and segment and segment != sentence and sentence[len(segment) - 1:].lstrip("；").startswith(CONTINUES):
        out.append("stem cut before a 但书 or exception that changes the rule")
    whole = flat(sentence or text).rstrip("。")
    found = article.find(whole) if whole else -1
    if found >= 0 and proviso_follows(article[found + len(whole):].lstrip("。")):
        out.append("stem cut before the 但… sentence that follows it (an exception that changes the answer)")
    if found > 0 and q.clause.item is None and ends_on_earlier_noun(whole + "。", article[:found]):
        out.append("a later sentence that does not say what it is about (各少数民族…的代表; 依法加强监督管理)")
    if q.clause.item is not None and q.type in ("judge", "single", "fill"):
        para = next((p for p in q.clause.paragraphs() if p.index == q.clause.paragraph), None)
        if para is not None and condition_item(para.text):
            out.append("a 项 of a list of 情形/行为 is a condition or a conduct, not a rule to judge or fill in")
    return out
