"""多项选择题: an enumerated list (项) asked; distractors are 项 of similar lists elsewhere in the law."""

from __future__ import annotations

import random
import re

from kb.quiz.pool import ItemList, LawPool
from kb.quiz.question import BLANK, LETTERS, Question, according, quote, truncated_start

CATCH_ALL = re.compile(r"其他|等$|规定的情形|兜底")
MAX_OPTION = 36
MIN_LEAD_OVERLAP = 0.25


def usable_items(items: tuple[str, ...]) -> list[str]:
    return [item for item in items if 2 <= len(item) <= MAX_OPTION and not CATCH_ALL.search(item)]


def similar(a: str, b: str) -> bool:
    """Too close to tell apart (one inside the other, or most characters shared)."""
    if a in b or b in a:
        return True
    sa, sb = set(a), set(b)
    return len(sa & sb) / max(len(sa | sb), 1) >= 0.6


def stem_for(item_list: ItemList) -> str | None:
    lead = item_list.lead.rstrip("：:").strip()
    if truncated_start(lead):
        return None
    if "下列" in lead:
        question = re.sub(r"下列([^，。；]{1,14}?)之一", r"下列哪些\1", lead, count=1)
        if question == lead:
            question = lead.replace("下列", "下列哪些", 1)
        if len(question) > 110:
            return None
        return f"{question}？{BLANK}"
    below = re.search(r"(?<![元日倍年月天时上])以下", lead)     # 以下条件, not 二十万元以下
    if below and len(lead) <= 110:
        return f"{lead[:below.start()]}下列哪些{lead[below.end():]}？{BLANK}"
    if len(lead) <= 24 and not re.search(r"[，。；]", lead):
        return f"{lead}{'' if lead.endswith('包括') else '包括'}下列哪些？{BLANK}"
    return None


def same_rule(a: str, b: str) -> bool:
    """Two lead-ins that say the same thing (then the other list's 项 also answer this stem)."""
    def core(text: str) -> str:
        return re.sub(r"[：:，,；;。\s]|违反本法规定|有下列(?:情形|行为)之一的?", "", text)

    a, b = core(a), core(b)
    return a == b or a in b or b in a or len(set(a) & set(b)) / max(len(set(a) | set(b)), 1) >= 0.95


def make(item_list: ItemList, pool: LawPool, rng: random.Random) -> Question | None:
    right_all = usable_items(item_list.items)
    if len(right_all) < 2:
        return None
    stem_body = stem_for(item_list)
    if stem_body is None:
        return None
    article = item_list.clause.text
    # similar lists first: same chapter, same kind of list (情形/行为/内容); stop once there are enough
    ranked = []
    for other in pool.lists:
        if other.clause.id == item_list.clause.id and other.clause.paragraph == item_list.clause.paragraph:
            continue
        # lists like this one first: similar lead-in (资金用于下列事项), same kind, same chapter
        lead_overlap = len(set(other.lead) & set(item_list.lead)) / max(len(set(other.lead) | set(item_list.lead)), 1)
        if lead_overlap < MIN_LEAD_OVERLAP and other.noun != item_list.noun:
            continue   # a list about something else gives options nobody would pick
        if same_rule(other.lead, item_list.lead):
            continue   # another article with the same lead-in and penalty: its 项 would be right answers too
        rank = -3 * lead_overlap + (other.noun != item_list.noun) + (other.clause.path[:2] != item_list.clause.path[:2])
        ranked.append((round(rank, 1), rng.random(), other))
    ranked.sort(key=lambda r: r[:2])
    wrong: list[str] = []
    wrong_leads: dict[str, str] = {}
    right_len = sum(map(len, item_list.items)) / len(item_list.items)
    right_comma = any("，" in item for item in item_list.items)
    right_de = sum(item.endswith("的") for item in item_list.items) * 2 > len(item_list.items)   # 情形 "...的"
    for _, _, other in ranked:
        # options of one shape: similar length, a clause only among clauses
        items = [i for i in usable_items(other.items) if ("，" in i) <= right_comma and i.endswith("的") == right_de
                 and 0.4 <= len(i) / max(right_len, 1) <= 2.5]
        rng.shuffle(items)
        for item in items[:2]:
            if item in article or any(similar(item, mine) for mine in item_list.items):
                continue
            if not any(similar(item, w) for w in wrong):
                wrong.append(item)
                wrong_leads[item] = other.lead
        if len(wrong) >= 4:
            break
    total = 5 if len(right_all) >= 4 and rng.random() < 0.4 else 4
    k = min(len(right_all), rng.choice([2, 3, 3]) if total == 4 else rng.choice([3, 4]))
    if len(wrong) < total - k:
        return None
    right = rng.sample(right_all, k)
    wrong = wrong[: total - k]
    options = right + wrong
    rng.shuffle(options)
    answer = [LETTERS[i] for i, option in enumerate(options) if option in right]
    clause = item_list.clause
    listed = "；".join(item_list.items)
    explanation = (f"答案{''.join(answer)}。{clause.citation()}规定：{quote(item_list.lead + listed)}。"
                   f"{'、'.join(LETTERS[i] for i, o in enumerate(options) if o not in right)}项不在该条所列之中。")
    return Question("multiple", according(clause) + stem_body, options, answer, explanation, clause,
                    answer_text="；".join(right), element="items",
                    meta={"wrong": wrong, "lead": item_list.lead, "wrong_leads": [wrong_leads[w] for w in wrong]})
