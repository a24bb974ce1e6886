"""Wrong options of the same kind as a right one: plausible, never also true.

Numbers come first from sibling clauses of the same law, then from values the law commonly uses
(三日/五日/七日/十五日/三十日/六十日...); subjects swap the department or the level of government;
modal words are drawn from other modal groups only (never 必须 for 应当).
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter

from kb.numerals import CN_NUMBER_CHARS
from kb.quiz.elements import (DEPARTMENTS, LEVEL_GROUP, LEVELS, MODAL_GROUPS, MODAL_OPTIONS, NUM, Element,
                              number_value, split_amount, write_amount, write_number)
from kb.quiz.pool import LawPool

LEGAL_VALUES = {"日": [3, 5, 7, 10, 15, 20, 30, 45, 60, 90, 120, 180], "天": [3, 5, 7, 10, 15, 30, 60],
                "工作日": [3, 5, 7, 10, 15, 20, 30], "个月": [1, 2, 3, 6, 12], "月": [1, 2, 3, 6],
                "年": [1, 2, 3, 5, 10, 20], "小时": [2, 12, 24, 48, 72], "周": [1, 2, 4]}
MULTIPLE_RANGES = [(1, 3), (1, 5), (2, 5), (3, 5), (3, 10), (5, 10), (10, 20), (1, 2)]
PERCENTS = [5, 10, 15, 20, 25, 30, 50]
NICE = [1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 1000, 2000, 5000]


MAX_SCALE = 8.0     # a wrong number more than 8x off the right one is on another scale (二日 against 九十日)
# departments that may hold the same duty: one is never a wrong option for the other
SAME_DUTY = (
    {"野生动物保护主管部门", "林业草原主管部门", "渔业主管部门", "渔业渔政主管部门", "农业农村主管部门"},
    {"海洋主管部门", "自然资源主管部门"},
    {"城镇排水主管部门", "住房城乡建设主管部门", "城市人民政府环境卫生主管部门"},
    {"节能主管部门", "发展改革部门", "工业和信息化主管部门", "价格主管部门", "能源主管部门"},
    {"渔业渔政主管部门", "海事管理机构", "海警机构"},
    # parties of civil liability that name the same person from another side
    {"侵权人", "行为人", "污染者", "责任人"}, {"被侵权人", "受害人"},
    # both answer to the victim (民法典第一千二百零三条, 第一千二百零九条)
    {"生产者", "销售者"}, {"机动车使用人", "机动车所有人、管理人"},
)


NEAR_LIABILITIES = {"相应的责任", "按份责任"}    # 各自承担相应的责任 is 按份责任: never one for the other


def _closeness(a: float, b: float) -> float:
    return abs(math.log(max(a, 1e-9) / max(b, 1e-9)))


def scale_of(text: str) -> float | None:
    """A comparable size of a numeric option: its first number times its unit (days, yuan, times)."""
    from kb.quiz.elements import number_value, split_amount

    amounts = re.findall(rf"{NUM}(?:万|亿)?元", text)
    if amounts:
        parsed = split_amount(amounts[0])
        return float(parsed[0]) if parsed else None
    match = re.search(rf"({NUM})(个)?(工作日|日|天|个月|月|年|小时|周|倍)", text)
    if match:
        value = number_value(match.group(1))
        days = {"工作日": 1.4, "日": 1, "天": 1, "个月": 30, "月": 30, "年": 365, "小时": 1 / 24, "周": 7, "倍": 1}
        return None if value is None else value * days[match.group(3)]
    match = re.search(f"百分之([{CN_NUMBER_CHARS}]+)", text)
    return float(number_value(match.group(1)) or 0) if match else None


def same_scale(a: str, b: str) -> bool:
    x, y = scale_of(a), scale_of(b)
    return x is None or y is None or (x > 0 and y > 0 and max(x, y) / min(x, y) <= MAX_SCALE)


def excluded_departments(subject: str) -> set[str]:
    """Departments that share a duty with one named in `subject` (never its wrong option)."""
    out: set[str] = set()
    for group in SAME_DUTY:
        if any(dept in subject for dept in group):
            out |= group
    return out


def _nice_amounts(value: int) -> list[int]:
    base = 10_000 if value >= 10_000 else 1
    return [n * base for n in NICE if n * base != value]


def _time_candidates(element: Element) -> list[str]:
    text = element.text
    if element.family.startswith("range:"):
        match = re.fullmatch(rf"({NUM})(日|个月|年)以上({NUM})\2以下", text)
        low, unit, high = number_value(match.group(1)), match.group(2), number_value(match.group(3))
        values = LEGAL_VALUES.get(unit, [])
        pairs = [(a, b) for a in values for b in values if a < b <= a * 4]
        pairs.sort(key=lambda p: _closeness(p[0], low) + _closeness(p[1], high))
        return [f"{write_number(a, match.group(1))}{unit}以上{write_number(b, match.group(1))}{unit}以下"
                for a, b in pairs if (a, b) != (low, high)]
    match = re.fullmatch(rf"({NUM})(个)?(工作日|日|天|个月|月|年|小时|周)", text)
    number, ge, unit = match.group(1), match.group(2) or "", match.group(3)
    value = number_value(number)
    values = sorted((v for v in LEGAL_VALUES.get(unit, []) if v != value), key=lambda v: _closeness(v, value))
    return [f"{write_number(v, number)}{ge}{unit}" for v in values]


def _amount_candidates(element: Element) -> list[str]:
    parts = re.findall(rf"{NUM}(?:\.\d+)?(?:万|亿)?元", element.text)
    parsed = [split_amount(p) for p in parts]
    if not parsed or any(p is None for p in parsed):
        return []
    if len(parsed) == 2:
        (low, style), (high, _) = parsed
        pairs = [(a, b) for a in _nice_amounts(low) + [low] for b in _nice_amounts(high) + [high]
                 if a < b <= a * 20 and (a, b) != (low, high)]
        pairs.sort(key=lambda p: _closeness(p[0], low) + _closeness(p[1], high))
        return [f"{write_amount(a, style)}以上{write_amount(b, style)}以下" for a, b in pairs]
    (value, style), tail = parsed[0], element.text[-2:]
    values = sorted(_nice_amounts(value), key=lambda v: _closeness(v, value))
    return [f"{write_amount(v, style)}{tail}" for v in values]


def _multiple_candidates(element: Element) -> list[str]:
    numbers = [number_value(n) for n in re.findall(NUM, element.text)]
    like = re.findall(NUM, element.text)[0]
    if len(numbers) == 2:
        low, high = numbers
        ranges = sorted((r for r in MULTIPLE_RANGES if r != (low, high)),
                        key=lambda r: _closeness(r[0], low) + _closeness(r[1], high))
        return [f"{write_number(a, like)}倍以上{write_number(b, like)}倍以下" for a, b in ranges]
    tail = element.text[element.text.index("倍"):]
    values = sorted((v for v in (1, 2, 3, 5, 10) if v != numbers[0]), key=lambda v: _closeness(v, numbers[0]))
    return [f"{write_number(v, like)}{tail}" for v in values]


def _percent_candidates(element: Element) -> list[str]:
    values = [number_value(v) or 1 for v in re.findall(f"百分之([{CN_NUMBER_CHARS}]+)", element.text)]
    if len(values) == 2:
        low, high = values
        pairs = [(a, b) for a in [1, 2, 3, 5, 10, 20] for b in [2, 3, 4, 5, 10, 20, 30, 50] if a < b <= a * 10
                 and (a, b) != (low, high)]
        pairs.sort(key=lambda p: _closeness(p[0], low) + _closeness(p[1], high))
        return [f"百分之{write_number(a, '一')}以上百分之{write_number(b, '一')}以下" for a, b in pairs]
    value = values[0]
    return [f"百分之{write_number(v, '一')}" for v in sorted((v for v in PERCENTS if v != value),
                                                              key=lambda v: _closeness(v, value))]


DEPT_LEVELS = ("国务院", "省、自治区、直辖市人民政府", "设区的市级以上地方人民政府", "县级以上地方人民政府")
COURTS = ("人民法院", "人民检察院", "公安机关", "司法行政部门")
OVERSIGHT = ("财政部门", "审计机关", "司法行政部门", "统计部门")
DEPT_GROUPS = (COURTS, OVERSIGHT)


def dept_core(dept: str) -> str:
    return re.sub(r"(行政)?(主管部门|部门|机关|机构)$", "", dept)


LEVEL_RANK = {"national": 5, "province": 4, "city": 3, "county": 2, "town": 1}


def inside_range(level: str, candidate: str) -> bool:
    """Is `candidate` a level that a range like 县级以上地方人民政府 includes (so naming it is not false)?"""
    own, other = LEVEL_GROUP.get(level), LEVEL_GROUP.get(candidate)
    return "以上" in level and own is not None and other is not None and LEVEL_RANK[other] >= LEVEL_RANK[own]


def _subject_candidates(element: Element, pool: LawPool, rng: random.Random) -> list[str]:
    text = element.text
    level = next((name for name, _ in LEVELS if text.startswith(name)), "")
    dept = text[len(level):].lstrip("的")
    if element.family == "subject:government":
        group = LEVEL_GROUP.get(text)
        by_group: dict[str, list[str]] = {}
        for name, g in LEVELS:
            if g != group and name != "国务院" and not inside_range(text, name) and not inside_range(name, text):
                by_group.setdefault(g, []).append(name)
        picked = [rng.choice(names) for names in by_group.values()]   # one per level of government
        rng.shuffle(picked)
        return picked
    known = Counter()
    for other in pool.by_family.get("subject:department", {}):
        other_level = next((name for name, _ in LEVELS if other.startswith(name)), "")
        known[other[len(other_level):].lstrip("的")] += 1
    out = []
    if level and "人民政府" not in dept:
        group = LEVEL_GROUP[level]
        out += [name + dept for name, g in LEVELS if g != group and name in DEPT_LEVELS
                and not inside_range(level, name) and not inside_range(name, level)]
    group = next((g for g in DEPT_GROUPS if dept in g), None)
    if group:
        close = [d for d in group if d != dept]
    else:
        close = [d for d in DEPARTMENTS if d != dept and not any(d in g for g in DEPT_GROUPS)
                 and d not in ("海关", "海警机构", "城市人民政府环境卫生主管部门")]
    banned = excluded_departments(dept)
    close = [d for d in close if d not in banned]
    rng.shuffle(close)
    close.sort(key=lambda d: -min(known.get(d, 0), 3))
    out += [level + d for d in close[:5]]
    rng.shuffle(out)
    return out


def _modal_candidates(element: Element) -> list[str]:
    group = MODAL_GROUPS[element.text]
    return [word for word in MODAL_OPTIONS if MODAL_GROUPS[word] != group]


def _term_candidates(element: Element, pool: LawPool, rng: random.Random) -> list[str]:
    """Other defined terms of the law: same chapter and shared characters first (大气污染 for 水污染)."""
    own = pool.definitions.get(element.text)
    path = own[0].path[:2] if own else ()
    chars = set(element.text)

    def rank(term: str):
        shared = len(chars & set(term)) / max(len(chars | set(term)), 1)
        return (pool.definitions[term][0].path[:2] != path) - 2 * shared, rng.random()

    return sorted((t for t in pool.definitions if t != element.text), key=rank)


def _party_candidates(element: Element, siblings: list[str], pool: LawPool, rng: random.Random, where: tuple,
                      n: int) -> list[str]:
    """Liable parties named in the same 章 as the question's clause (产品责任: 运输者, 仓储者), then at most
    one of the same 编; never a victim, a party anyone is (行为人), one sharing the duty, or one of another 编."""
    from kb.quiz.parties import offerable

    banned = excluded_departments(element.text)
    usable = [s for s in siblings if s not in banned and offerable(s)]
    if not where:   # no clause to place the question: parties of the same 编 as the answer
        books = pool.books.get(element.text, set())
        near = [s for s in usable if pool.books.get(s, set()) & books]
        rng.shuffle(near)
        return near
    chapter = tuple(where[:2])
    near = [s for s in usable if chapter in pool.places.get(s, ())]
    book = [s for s in usable if s not in near and any(p[:1] == chapter[:1] for p in pool.places.get(s, ()))]
    rng.shuffle(near)
    rng.shuffle(book)
    if len(near) < n - 1:
        return []   # not enough parties of this 章: the others would come from unrelated clauses
    return near + book[:max(1, n - len(near))]


def candidates(element: Element, pool: LawPool, rng: random.Random, where: tuple = (), n: int = 3) -> list[str]:
    """Possible wrong texts for an element, best first (siblings of the same law lead). `where` is the path of
    the question's clause (parties come from its 章), `n` how many are wanted."""
    siblings = pool.same_family(element)
    if element.kind == "modal":
        return _modal_candidates(element)
    if element.kind == "term":
        return _term_candidates(element, pool, rng)
    if element.kind == "subject":
        own = _subject_candidates(element, pool, rng)
        return own
    if element.kind == "liability":
        from kb.quiz.elements import LIABILITIES

        return [text for text in LIABILITIES if text != element.text and {text, element.text} != NEAR_LIABILITIES]
    if element.kind == "party":
        return _party_candidates(element, siblings, pool, rng, where, n)
    if element.kind == "time":
        made = _time_candidates(element)
    elif element.kind == "amount":
        made = _amount_candidates(element)
    elif element.kind == "multiple":
        made = _multiple_candidates(element)
    else:
        made = _percent_candidates(element)
    # interleave: nearest sibling values of the law, then nearest common legal values
    out: list[str] = []
    head_siblings, head_made = siblings[:4], made[:4]
    for i in range(max(len(head_siblings), len(head_made))):
        out += head_siblings[i:i + 1] + head_made[i:i + 1]
    out += siblings[4:8] + made[4:]
    return list(dict.fromkeys(out))


def pick(element: Element, pool: LawPool, article_text: str, rng: random.Random, n: int = 3,
         forbidden: tuple[str, ...] = (), where: tuple = ()) -> list[str] | None:
    """n distinct wrong texts that appear nowhere in the article; None when there are not enough."""
    chosen: list[str] = []
    pool_list = candidates(element, pool, rng, where, n)
    head = pool_list[: n + 2]
    rng.shuffle(head)
    for text in head + pool_list[len(head):]:
        if text == element.text or text in chosen or text in forbidden:
            continue
        if element.kind != "modal" and text in article_text:
            continue
        if element.kind == "subject" and dept_core(text.split("人民政府")[-1] or text) in article_text:
            continue
        if element.kind in ("time", "amount", "multiple", "percent") and not same_scale(text, element.text):
            continue
        chosen.append(text)
        if len(chosen) == n:
            return chosen
    return None
