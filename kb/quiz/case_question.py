"""情景分析题: a case built from a 法律责任 clause — who acts, with what measure, and what fine.

From "违反本法规定，<行为>的，由<机关><措施>，处<罚款>的罚款" the stem states the case
("某企业未依法取得排污许可证排放污染物。") and asks which handling is lawful; the options differ in
the agency, the measure or the fine range. The right option is the clause's own sanction; each wrong
one changes one or two parts to a text the clause does not contain (a fine range of another article,
another department, another measure), and the explanation says which part is wrong and where the
wrong text comes from. A 项 of "有下列行为之一的" lists becomes the case's conduct.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from kb.quiz.distractors import dept_core, excluded_departments, pick
from kb.quiz.elements import DEPARTMENTS, extract
from kb.quiz.pool import LawPool
from kb.quiz.question import BLANK, LETTERS, Question, clean_item, quote

PENALTY = re.compile(r"^(?:违反本(?:法|条例|规定|办法)[^，。；]{0,12}规定，)?(?P<act>[^。；]{4,90}?)的，"
                     r"由(?P<agency>[^，。；]{2,40}?)(?:按照职责分工|依据职责|依法)?(?P<sanction>(?:责令|处|给予|没收|可以)[^；。]*)")
MEASURES = ("责令改正", "责令停止违法行为", "责令限期改正", "给予警告", "责令停产整治", "责令停业、关闭", "没收违法所得",
            "责令限期拆除", "责令恢复原状")
ACTOR = re.compile(r"^(?P<actor>[^，。；]{0,24}?(?:企业事业单位和其他生产经营者|单位|经营者|企业|生产者|销售者|使用者|运营者|"
                   r"所有者|管理者|承包者|个人|机构|船舶))(?P<rest>(?:未|不|擅自|违反|将|在|以|拒|超|无|伪|篡|利用|使用|向|对|"
                   r"通过|采用|生产|销售|进口|从事|排放|新建|建设|开工|设置|违法|隐瞒|提供|转移|委托|堆放|丢弃|倾倒)[^。]*)$")
LIST_ACT = re.compile(r"^(?P<actor>[^，。；]*?)有下列(?:行为|情形)之一$")


@dataclass(frozen=True)
class Sanction:
    agency: str
    measure: str        # 责令改正 / '' when the clause goes straight to the fine
    text: str           # the option text: 由<agency><sanction up to 的罚款>
    fine: str           # 二万元以上二十万元以下
    act: str


def parse(paragraph_text: str) -> Sanction | None:
    match = PENALTY.match(paragraph_text)
    if not match:
        return None
    sanction = match.group("sanction")
    fine = next((e for e in extract(sanction) if e.kind == "amount"), None)
    if fine is None or not sanction[fine.end:].startswith("的罚款"):
        return None
    before = sanction[:fine.start]
    if not re.search(r"(?:^|，|并)(?:可以)?(?:并)?处$", before) or "；" in before:
        return None
    text = f"由{match.group('agency')}{sanction[:fine.end + 3]}"
    measure = next((m for m in MEASURES if m in before), "")
    return Sanction(match.group("agency"), measure, text, fine.text, match.group("act"))


def scenario(act: str) -> str | None:
    """'某企业未依法取得排污许可证排放污染物。' from the act of the clause (or of one 项)."""
    act = act.rstrip("的；;，,。")
    if len(act) < 6 or "其他" in act or "下列" in act or "前款" in act or "本法" in act:
        return None
    found = ACTOR.match(act)
    if found:
        actor = found.group("actor")
        actor = "企业" if actor == "企业事业单位和其他生产经营者" else actor
        return f"某{actor}{found.group('rest')}。"
    if act.startswith(("未", "不", "擅自", "违反", "拒绝", "拒不", "超过", "在", "以", "通过", "将", "向", "伪造", "篡改", "无")):
        return f"某企业{act}。"
    return None


def _other_agency(sanction: Sanction, article: str, rng: random.Random) -> str | None:
    banned = excluded_departments(sanction.agency)
    choices = [d for d in DEPARTMENTS if d not in article and dept_core(d) not in article and d not in banned
               and d not in ("海关", "海警机构", "人民法院", "人民检察院", "审计机关", "统计部门")]
    return rng.choice(choices) if choices else None


def _other_measure(sanction: Sanction, article: str, rng: random.Random) -> str | None:
    choices = [m for m in MEASURES if m not in article and not any(part in article for part in m.split("、"))]
    return rng.choice(choices) if choices else None


def _with_measure(sanction: Sanction, measure: str) -> str:
    if sanction.measure:
        return sanction.text.replace(sanction.measure, measure, 1)
    return f"由{sanction.agency}{measure}，{sanction.text[len(sanction.agency) + 1:]}"


def make(clause, paragraph_index: int, pool: LawPool, rng: random.Random, item: int | None = None) -> Question | None:
    para = clause.paragraphs()[paragraph_index - 1]
    sanction = parse(para.text)
    if sanction is None:
        return None
    listed = LIST_ACT.match(sanction.act)
    if listed:
        if item is None or not 1 <= item <= len(para.items):
            return None
        actor = listed.group("actor")
        conduct = clean_item(para.items[item - 1]).rstrip("的")
        story = scenario(f"{actor}{conduct}" if actor else conduct)
        focused = clause.focus(paragraph_index, item)
    else:
        story = scenario(sanction.act)
        focused = clause.focus(paragraph_index)
    if story is None or len(story) > 90:
        return None
    article = clause.text
    fine_element = next(e for e in extract(sanction.text) if e.kind == "amount" and e.text == sanction.fine)
    fines = pick(fine_element, pool, article, rng, 2)
    agency = _other_agency(sanction, article, rng)
    measure = _other_measure(sanction, article, rng)
    if not fines or agency is None or measure is None:
        return None
    wrong = [
        (sanction.text.replace(sanction.agency, agency, 1), f"处罚机关应为{sanction.agency}，不是{agency}"),
        (sanction.text.replace(sanction.fine, fines[0], 1), _fine_note(sanction, fines[0], pool, clause)),
        (_with_measure(sanction, measure).replace(sanction.fine, fines[1], 1),
         f"本条规定的是“{sanction.measure or '直接处以罚款'}”而非“{measure}”，" + _fine_note(sanction, fines[1], pool, clause)),
    ]
    options = [sanction.text] + [text for text, _ in wrong]
    rng.shuffle(options)
    letter = LETTERS[options.index(sanction.text)]
    notes = [f"{LETTERS[options.index(text)]}项错误：{note}" for text, note in wrong]
    law = clause.document.display_short_title
    stem = f"{story}根据《{law}》，下列处理符合法律规定的是{BLANK}。"
    explanation = (f"答案{letter}。{focused.citation()}规定：{quote(para.text.rstrip('：:。'))}"
                   + (f"，其中包括{quote(clean_item(para.items[item - 1]))}" if listed else "") + "。"
                   + "；".join(notes) + "。")
    return Question("case", stem, options, letter, explanation, focused, answer_text=sanction.text, element="sanction",
                    meta={"agency": sanction.agency, "fine": sanction.fine, "measure": sanction.measure,
                          "wrong_parts": [{"agency": agency}, {"fine": fines[0]}, {"measure": measure, "fine": fines[1]}],
                          "paragraph_text": para.text, "facts": [sanction.text]})


def _fine_note(sanction: Sanction, fine: str, pool: LawPool, clause) -> str:
    where = pool.provenance(fine, clause)
    return f"罚款幅度应为{sanction.fine}" + (f"，“{fine}”{where}" if where else f"，不是{fine}")


def candidates(clause) -> list[tuple[int, int | None]]:
    """(款, 项) positions of a clause that can become a case question."""
    out = []
    for para in clause.paragraphs():
        sanction = parse(para.text)
        if sanction is None:
            continue
        if LIST_ACT.match(sanction.act):
            out += [(para.index, i) for i in range(1, len(para.items) + 1)]
        else:
            out.append((para.index, None))
    return out
