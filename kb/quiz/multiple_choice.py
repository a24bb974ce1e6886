"""多项选择题: an enumerated list (项) asked; distractors are 项 of similar lists elsewhere in the law."""

from __future__ import annotations

import random
import re
from functools import lru_cache

from kb.quiz.pool import ItemList, LawPool
from kb.quiz.question import BLANK, CROSS_REF, LETTERS, Question, according, quote, truncated_start

CATCH_ALL = re.compile(r"其他|等$|规定的情形|兜底")
MAX_OPTION = 36
MIN_LEAD_OVERLAP = 0.25
MIN_UNNAMED_OVERLAP = 0.3     # two lists whose lead names no noun (证据包括：) must share their wording
NAMED = re.compile("下列|以下")
CONDITIONS = {"情形", "行为", "情况"}
CONDITION_SUBJECT = re.compile(r"([^，。；：]*?)(?:有|符合|涉及|存在|具有|属于)下列")
ACTION = re.compile(r"(?:申请|提起|要求)(?:行政复议|行政诉讼|诉讼|听证|国家赔偿|复议)")
# lists of one kind: conditions (情形/行为) never lend options to contents (事项/内容) and back
NOUN_GROUPS = ({"情形", "行为", "情况"}, {"事项", "内容"})
PARTY_END = re.compile(r"(?:员|长|人|者|主席|委员|主任|代表|单位|机关|组织|部门|机构|企业|法院|检察院|政府)$")
ACTION_START = re.compile(r"^(?:决定|批准|选举|监督|修改|制定|审查|审议|罢免|任免|改变|撤销|组织|领导|管理|规定|编制|负责|建立|开展|"
                          r"实施|发布|解释|授予|宣布|统一|保护|保障|提出|执行|办理|加强|推动|听取|审批|确定|公布|指导|协调)")


def item_kind(item: str) -> str:
    """What a 项 names: a condition (…的), a party (人员, 机关), an action (决定…, 批准…) or a thing."""
    if item.endswith("的"):
        return "condition"
    if PARTY_END.search(item) and "，" not in item:
        return "party"
    if ACTION_START.match(item):
        return "action"
    return "thing"


def same_kind(item: str, right: list[str]) -> bool:
    """An option of the same kind as most right 项 (and the same head noun when they share one)."""
    kinds = [item_kind(r) for r in right]
    main = max(set(kinds), key=kinds.count)
    if kinds.count(main) * 2 > len(kinds) and item_kind(item) != main:
        return False
    heads = [r[-2:] for r in right]
    head = max(set(heads), key=heads.count)
    if heads.count(head) == len(heads) and len(heads) >= 2 and item[-2:] != head:
        return False   # every right 项 is a …项目: a …建议 is of another kind
    return True


def usable_items(items: tuple[str, ...]) -> list[str]:
    """项 that make options: short, no catch-all, no cross-reference (本法第十一条规定的… may well be right)."""
    return [item for item in items if 2 <= len(item) <= MAX_OPTION and not CATCH_ALL.search(item)
            and "本法第" not in item and "前款" not in item]


def similar(a: str, b: str) -> bool:
    """Too close to tell apart (one inside the other, or most characters shared)."""
    if a in b or b in a:
        return True
    sa, sb = set(a), set(b)
    return len(sa & sb) / max(len(sa | sb), 1) >= 0.6


def stem_for(item_list: ItemList) -> str | None:
    lead = item_list.lead.rstrip("：:").strip()
    if truncated_start(lead) or CROSS_REF.search(lead):
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

    def consequence(text: str) -> str:   # what follows "有下列情形之一的，": the sanction or the duty
        parts = re.split(r"之一的?，", text, maxsplit=1)
        return core(parts[1]) if len(parts) == 2 else ""

    ca, cb = consequence(a), consequence(b)
    if len(ca) >= 8 and (ca == cb or ca in cb or cb in ca):
        return True   # the same sanction for both lists: the other list's 项 answer this stem too
    actions = set(ACTION.findall(a)) & set(ACTION.findall(b))
    if actions:
        return True   # both lead to 申请行政复议: a 复议前置 case is also a case one may apply for 复议
    a, b = core(a), core(b)
    return a == b or a in b or b in a or len(set(a) & set(b)) / max(len(set(a) | set(b)), 1) >= 0.95


def condition_subject(lead: str) -> str | None:
    """Whose 情形 a list names, by its first four characters: 行政行为有下列情形 -> 行政行为, 当事人的申请符合
    下列情形 -> 当事人的, 行政机关实施行政处罚，有下列情形 -> 行政机关 (the clause before), 违反本法规定，有下列
    行为 -> '' (None when the lead names no 情形)."""
    match = CONDITION_SUBJECT.search(lead)
    if not match:
        return None
    subject = re.sub(r"^(?:但是|但|并且|同时)", "", match.group(1))
    if not subject:   # the clause before: 行政机关实施行政处罚，有下列… / 行政复议期间…不停止执行；但是有下列…
        before = re.split("[，。；：]", lead[:match.start(1)].rstrip("，。；："))[-1]
        subject = "" if re.match(r"违反本(?:法|条例|规定|办法)", before) else before
    return subject[:4]


def same_subject(a: str | None, b: str | None) -> bool:
    """May lists of 情形 of these subjects lend each other options? Only lists of one subject: grounds
    against a 行政行为 are not grounds for 再审 (当事人的申请), nor cases one may take to 复议 (no subject),
    nor reasons to suspend a 复议 (行政复议期间); an agency's misconduct is not a party's conduct."""
    return a is None or b is None or a == b


@lru_cache(maxsize=100_000)
def _lead_overlap(a: str, b: str) -> float:
    return len(set(a) & set(b)) / max(len(set(a) | set(b)), 1)


def related(item_list: ItemList, pool: LawPool) -> list[tuple[float, ItemList]]:
    """Other lists of the law that may lend wrong options, best first (computed once per list)."""
    key = (item_list.clause.id, item_list.clause.paragraph)
    if key in pool.related:
        return pool.related[key]
    ranked = []
    subject = condition_subject(item_list.lead)
    named = bool(NAMED.search(item_list.lead))
    for other in pool.lists:
        if other.clause.id == item_list.clause.id and other.clause.paragraph == item_list.clause.paragraph:
            continue
        # lists like this one first: similar lead-in (资金用于下列事项), same kind, same chapter
        lead_overlap = _lead_overlap(other.lead, item_list.lead)
        same_noun = other.noun == item_list.noun or any(other.noun in g and item_list.noun in g for g in NOUN_GROUPS)
        if not same_noun or (lead_overlap < MIN_LEAD_OVERLAP and other.noun != item_list.noun):
            continue   # a list about something else gives options nobody would pick
        if named != bool(NAMED.search(other.lead)) or (not named and lead_overlap < MIN_UNNAMED_OVERLAP):
            continue   # 证据包括：/行政处罚的种类： share only the default noun; 种类 are no 决定书's 事项
        if item_list.noun in CONDITIONS and not same_subject(subject, condition_subject(other.lead)):
            continue   # flaws of a 行政行为 are not grounds for 再审 or cases one may take to 复议
        if same_rule(other.lead, item_list.lead):
            continue   # another article with the same lead-in and penalty: its 项 would be right answers too
        rank = -3 * lead_overlap + (other.noun != item_list.noun) + (other.clause.path[:2] != item_list.clause.path[:2])
        ranked.append((round(rank, 1), other))
    pool.related[key] = ranked
    return ranked


def make(item_list: ItemList, pool: LawPool, rng: random.Random) -> Question | None:
    right_all = usable_items(item_list.items)
    if len(right_all) < 2:
        return None
    stem_body = stem_for(item_list)
    if stem_body is None:
        return None
    article = item_list.clause.text
    # similar lists first (same kind of list, similar lead-in, same chapter), ties in random order
    ranked = sorted(related(item_list, pool), key=lambda r: (r[0], rng.random()))
    wrong: list[str] = []
    wrong_leads: dict[str, str] = {}
    wrong_sources: dict[str, str] = {}
    right_len = sum(map(len, item_list.items)) / len(item_list.items)
    right_comma = any("，" in item for item in item_list.items)
    right_de = sum(item.endswith("的") for item in item_list.items) * 2 > len(item_list.items)   # 情形 "...的"
    for _, other in ranked:
        # options of one shape: similar length, a clause only among clauses
        items = [i for i in usable_items(other.items) if ("，" in i) <= right_comma and i.endswith("的") == right_de
                 and 0.4 <= len(i) / max(right_len, 1) <= 2.5]
        rng.shuffle(items)
        for item in items[:2]:
            if item in article or any(similar(item, mine) for mine in item_list.items):
                continue
            if not same_kind(item, list(item_list.items)):
                continue
            if not any(similar(item, w) for w in wrong):
                wrong.append(item)
                wrong_leads[item] = other.lead
                wrong_sources[item] = other.clause.article_label
        if len(wrong) >= 4:
            break
    # at least two wrong options, so one weak distractor does not give the item away
    total = 5 if len(right_all) >= 3 and len(wrong) >= 2 and rng.random() < 0.5 else 4
    k = min(len(right_all), 2 if total == 4 else rng.choice([2, 3, 3]))
    if len(wrong) < total - k or total - k < 2:
        return None
    right = rng.sample(right_all, k)
    wrong = wrong[: total - k]
    options = right + wrong
    rng.shuffle(options)
    answer = [LETTERS[i] for i, option in enumerate(options) if option in right]
    clause = item_list.clause
    listed = "；".join(item_list.items)
    notes = [f"{LETTERS[i]}项“{o}”出自本法{wrong_sources[o]}（{wrong_leads[o].rstrip('：:')[:24]}……），"
             f"不属于本条所列" for i, o in enumerate(options) if o not in right]
    explanation = (f"答案{''.join(answer)}。{clause.citation()}规定：{quote(item_list.lead + listed)}。"
                   + "；".join(notes) + "。")
    return Question("multiple", according(clause) + stem_body, options, answer, explanation, clause,
                    answer_text="；".join(right), element="items",
                    meta={"wrong": wrong, "lead": item_list.lead, "wrong_leads": [wrong_leads[w] for w in wrong],
                          "facts": list(right)})
