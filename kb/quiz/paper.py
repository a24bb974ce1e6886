"""The 法宣 paper layout shared by the DOCX and PDF exports.

Title, a 单位/姓名/得分 line, sections 一、单项选择题 二、多项选择题 三、判断题 ... (numbered anew in
each section), then — on a new page — 参考答案及解析 with each answer, explanation and source.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kb.numerals import int_to_cn
from kb.quiz.question import LETTERS, TYPE_NAMES, TYPES, Question

POINTS = {"single": 2, "multiple": 3, "judge": 1, "fill": 2, "source": 2}
INSTRUCTIONS = {
    "single": "每题只有一个正确答案",
    "multiple": "每题有两个或两个以上正确答案，错选、漏选均不得分",
    "judge": "正确的打“√”，错误的打“×”",
    "fill": "在横线上填写正确内容",
    "source": "选出该规定所在的法律条文",
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


@dataclass
class Paper:
    title: str
    subtitle: str
    sections: list[PaperSection]


def paper_stem(q: Question) -> str:
    if q.type == "judge":
        return f"{q.stem}（　　）"
    return q.stem


def build(questions: list[Question], title: str = "法律知识测试卷", subtitle: str = "") -> Paper:
    sections = []
    for qtype in TYPES:
        chosen = [q for q in questions if q.type == qtype]
        if not chosen:
            continue
        index = len(sections) + 1
        points = POINTS[qtype]
        heading = (f"{int_to_cn(index)}、{TYPE_NAMES[qtype]}（共{len(chosen)}题，每题{points}分，"
                   f"共{points * len(chosen)}分。{INSTRUCTIONS[qtype]}）")
        items = []
        for number, q in enumerate(chosen, 1):
            options = [f"{LETTERS[i]}. {option}" for i, option in enumerate(q.options)]
            answer = "√" if q.answer is True else "×" if q.answer is False else q.answer_letters()
            if q.type == "fill":
                answer = q.answer_text
            items.append(PaperItem(number, paper_stem(q), options, answer, q.explanation, q.clause.citation()))
        sections.append(PaperSection(heading, items))
    return Paper(title, subtitle, sections)


def answer_heading(section: PaperSection) -> str:
    return section.heading.split("（")[0]
