"""The 法宣 paper layout shared by the DOCX and PDF exports.

Title, a 单位/姓名/得分 line, a line with the time allowed and the full marks, 注意事项, then sections
一、单项选择题 二、多项选择题 三、判断题 ... (numbered anew in each section), then — on a new page —
参考答案及解析 with each answer, explanation and source.

Points: ``points_for`` gives each type its points per question so that the paper totals 100 (default
weights: a 多选 or 情景题 counts more than a 单选, a 判断 less); ``--points single=2,judge=1`` sets them by
hand, and then the total is whatever they add up to.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from kb.errors import QueryError
from kb.numerals import int_to_cn
from kb.quiz.generator import parse_types
from kb.quiz.question import LETTERS, TYPE_NAMES, TYPES

WEIGHTS = {"single": 2, "multiple": 3, "judge": 1, "fill": 2, "source": 2, "case": 3}   # relative worth
FULL_MARKS = 100
INSTRUCTIONS = {
    "single": "每题只有一个正确答案",
    "multiple": "每题有两个或两个以上正确答案，错选、漏选均不得分",
    "judge": "正确的打“√”，错误的打“×”",
    "fill": "在横线上填写正确内容",
    "source": "选出该规定所在的法律条文或章节",
    "case": "根据所给情形，选出符合法律规定的处理",
}
NAME_LINE = "单位：________________　　姓名：____________　　得分：________"


@dataclass
class PaperItem:
    number: int
    stem: str
    options: list[str] = field(default_factory=list)     # already lettered: "A. ..."
    answer: str = ""
    explanation: str = ""
    citation: str = ""


@dataclass
class PaperSection:
    heading: str
    items: list[PaperItem]
    points: float = 0


@dataclass
class Paper:
    title: str
    subtitle: str
    sections: list[PaperSection]
    minutes: int = 0
    total: float = 0
    notes: list[str] = field(default_factory=list)

    @property
    def time_line(self) -> str:
        return f"考试时间：{self.minutes}分钟　　满分：{show(self.total)}分"


def show(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def parse_points(text: str | None) -> dict[str, float]:
    """'single=2,multiple=4' -> {'single': 2.0, 'multiple': 4.0}."""
    out: dict[str, float] = {}
    for part in (text or "").replace("，", ",").split(","):
        if not part.strip():
            continue
        name, _, value = part.partition("=")
        try:
            points = float(value)
        except ValueError:
            raise QueryError(f"points {part!r} are not understood; use e.g. single=2,multiple=4") from None
        if points <= 0 or points > 50 or (points * 2) % 1:
            raise QueryError(f"points {part!r}: give a positive number of points in steps of 0.5, at most 50")
        out[parse_types(name.strip())[0]] = points
    return out


def points_for(counts: dict[str, int], given: dict[str, float] | None = None, total: int = FULL_MARKS) -> dict[str, float]:
    """Points per question of each type. Types given by hand keep their points; the others are chosen in
    half points, as close as possible to their weights, so that the paper totals `total` when it can."""
    exact = solve_points(counts, given, total)
    if exact is not None:
        return exact
    given = {t: p for t, p in (given or {}).items() if counts.get(t)}
    free = [t for t in TYPES if counts.get(t) and t not in given]
    left = total - sum(p * counts[t] for t, p in given.items())
    unit = left / max(sum(WEIGHTS[t] * counts[t] for t in free), 1)
    # no half-point split adds up exactly: the nearest, and the paper's total says so
    return {**given, **{t: max(0.5, round(float(WEIGHTS[t] * unit) * 2) / 2) for t in free}}


def solve_points(counts: dict[str, int], given: dict[str, float] | None = None,
                 total: int = FULL_MARKS) -> dict[str, float] | None:
    """Half-point values per type that add up to exactly `total`, nearest the weights; None if none do.

    Worked in half points (integers): every type but the last tries the five values nearest its weight's
    share, and the last takes what is left when that is a whole number of half points.
    """
    given = {t: p for t, p in (given or {}).items() if counts.get(t)}
    free = [t for t in TYPES if counts.get(t) and t not in given]
    if not free:
        return given if sum(p * counts[t] for t, p in given.items()) == total else None
    left = round(2 * total - sum(2 * p * counts[t] for t, p in given.items()))     # in half points
    unit = left / sum(WEIGHTS[t] * counts[t] for t in free)                        # half points per weight
    ideal = {t: WEIGHTS[t] * unit for t in free}
    steps = [[v for v in range(round(ideal[t]) - 2, round(ideal[t]) + 3) if v > 0] for t in free[:-1]]
    last_type = free[-1]
    best = None
    for choice in itertools.product(*steps):
        rest = left - sum(v * counts[t] for v, t in zip(choice, free))
        if rest <= 0 or rest % counts[last_type]:
            continue
        values = dict(zip(free, (*choice, rest // counts[last_type])))
        # keep the weights' order (a 多选 never worth less than a 单选), stay near them, equal weights equal
        order_ok = all(values[x] >= values[y] for x in free for y in free if WEIGHTS[x] > WEIGHTS[y])
        error = sum(abs(values[t] - ideal[t]) for t in free) + (0 if order_ok else 1000)
        error += sum(abs(values[x] - values[y]) for x in free for y in free if WEIGHTS[x] == WEIGHTS[y])
        if best is None or error < best[0]:
            best = (error, values)
    if best is None:
        return None
    return {**given, **{t: v / 2 for t, v in best[1].items()}}


def paper_split(wanted: dict[str, int], given: dict[str, float] | None = None) -> dict[str, int]:
    """The type counts nearest `wanted` (same total) whose points can add up to 100: 30 questions as
    15/6/9 cannot (every half-point choice misses), 14/7/9 can (4, 5 and 1 points)."""
    if solve_points(wanted, given) is not None:
        return wanted
    types = [t for t in TYPES if wanted.get(t)]
    for size in (1, 2):     # move one question from one type to another, then two
        for moves in itertools.product(types, repeat=2 * size):
            counts = dict(wanted)
            for source, target in zip(moves[::2], moves[1::2]):
                counts[source] -= 1
                counts[target] += 1
            if min(counts[t] for t in types) >= 1 and counts != wanted and solve_points(counts, given) is not None:
                return counts
    return wanted


def default_minutes(questions: list) -> int:
    """About a minute a question (two for 多选 and 情景题), rounded up to 10 minutes, at least 30."""
    types = [q["type"] if isinstance(q, dict) else q.type for q in questions]
    need = sum(2 if t in ("multiple", "case") else 1 for t in types)
    return max(30, -(-need // 10) * 10)


def with_points(records: list[dict], given: dict[str, float] | None = None) -> list[dict]:
    """Question records (JSON form) with their points, so a web quiz scores out of 100 like the paper."""
    counts = {t: sum(r["type"] == t for r in records) for t in TYPES}
    per = solve_points(counts, given)
    if per is None:   # too few questions for half points to add up: exact shares of 100 (33.33 each for three)
        unit = FULL_MARKS / sum(WEIGHTS[t] * n for t, n in counts.items() if n)
        per = {t: round(WEIGHTS[t] * unit, 2) for t in counts}
    return [{**r, "points": per[r["type"]]} for r in records]


@dataclass
class Printed:
    """What a paper prints of a question, from a Question or its JSON record (a draft edited on the web)."""

    type: str
    stem: str
    options: list[str]
    answer: object
    answer_text: str
    explanation: str
    citation: str

    @classmethod
    def of(cls, q) -> "Printed":
        if isinstance(q, dict):
            return cls(q["type"], q["stem"], list(q.get("options") or []), q["answer"], q.get("answer_text", ""),
                       q.get("explanation", ""), (q.get("source") or {}).get("citation", ""))
        return cls(q.type, q.stem, list(q.options), q.answer, q.answer_text, q.explanation, q.clause.citation())

    def key(self) -> str:
        if self.type == "judge":
            return "√" if self.answer else "×"
        if self.type == "fill":
            return self.answer_text
        return "".join(self.answer) if self.type == "multiple" else str(self.answer)


def paper_stem(q) -> str:
    if q.type == "judge":
        return f"{q.stem}（　　）"
    return q.stem


def build(questions: list, title: str = "法律知识测试卷", subtitle: str = "",
          points: dict[str, float] | None = None, minutes: int | None = None) -> Paper:
    """The paper of a list of Questions (or question records)."""
    questions = [Printed.of(q) for q in questions]
    counts = {t: sum(q.type == t for q in questions) for t in TYPES}
    per = points_for(counts, points)
    sections = []
    for qtype in TYPES:
        chosen = [q for q in questions if q.type == qtype]
        if not chosen:
            continue
        index = len(sections) + 1
        value = per[qtype]
        heading = (f"{int_to_cn(index)}、{TYPE_NAMES[qtype]}（共{len(chosen)}题，每题{show(value)}分，"
                   f"共{show(value * len(chosen))}分。{INSTRUCTIONS[qtype]}）")
        items = []
        for number, q in enumerate(chosen, 1):
            options = [f"{LETTERS[i]}. {option}" for i, option in enumerate(q.options)]
            items.append(PaperItem(number, paper_stem(q), options, q.key(), q.explanation, q.citation))
        sections.append(PaperSection(heading, items, value))
    total = sum(s.points * len(s.items) for s in sections)
    minutes = minutes or default_minutes(questions)
    notes = [f"本试卷共{len(questions)}题，满分{show(total)}分，考试时间{minutes}分钟。",
             "请在试卷上填写单位和姓名，用黑色或蓝色钢笔、签字笔作答。",
             "选择题将所选答案的字母填入括号内；判断题正确的打“√”，错误的打“×”。",
             "本试卷依据现行有效的法律条文命题，答案及解析附后。"]
    return Paper(title, subtitle, sections, minutes, total, notes)


def answer_heading(section: PaperSection) -> str:
    return section.heading.split("（")[0]
