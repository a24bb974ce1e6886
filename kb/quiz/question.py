"""The quiz question record and the sentences of a clause that questions are made from."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Any

from kb.clause import ITEM_MARK, Clause, Hit
from kb.numerals import CN_NUMBER_CHARS

TYPES = ("single", "multiple", "judge", "fill", "source", "case")
TYPE_NAMES = {"single": "单项选择题", "multiple": "多项选择题", "judge": "判断题", "fill": "填空题", "source": "出处题",
              "case": "情景分析题"}
LETTERS = "ABCDEFGH"
BLANK = "（　　）"
FILL_BLANK = "______"

# sentences that lean on text around them read badly on their own
CONTEXT_WORDS = ("前款", "前两款", "前三款", "前四款", "上述", "前述", "前项", "前两项", "其中，", "本款", "此类",
                 "前条", "前一", "下列", "如下", "本条第")
QUOTES = {'"', "“", "”", "'", "‘", "’", "《", "》"}
LEAD_CONDITION = re.compile(r"^[^，。；]{1,14}的，")
CONTEXT_RE = re.compile("|".join(map(re.escape, CONTEXT_WORDS)))
RULE_WORDS = re.compile("应当|可以|不得|必须|禁止")
DEPENDENT_STARTS = ("但是", "但", "同时", "并且", "此外", "对此", "为此", "其", "也", "并", "具体", "上款", "该",
                    # a 款 that continues the one before: 拒不改正的，处... / 情节严重的，...
                    "拒不改正的", "逾期不改正的", "逾期未改正的", "情节严重的", "情节较轻的", "情节特别严重的",
                    "拒不执行的", "逾期不拆除的", "逾期不缴纳", "造成严重后果的", "有违法所得的", "违法所得")
# a sentence pointing at another article reads badly on its own ("违反本法第十七条规定设定的行政许可")
CROSS_REF = re.compile(rf"(?:本法|本条例|本规定|本办法|本编|本章|本节|本决定)(?:第[{CN_NUMBER_CHARS}]+[条款项编章节]|[所]?规定的[^，。；]{{0,6}}(?:情形|期限|程序))")
# what a later sentence opens with when it refers back to something named before ("声明应当包括…")
OPENING_NOUN = re.compile(r"^([^，。；、]{1,6}?)(?:应当|可以|不得|是|由|包括|经)")
RECEIPT = re.compile(r"(?:接到|收到|接收|转送|承担)([^，。；、]{1,4}?)(?:后|之日|到达)")
# a 但书 or exception continues the rule: a cut before it changes what the sentence says
CONTINUES = ("但是", "但", "除", "法律另有规定", "法律、行政法规另有规定", "另有规定")

@dataclass
class Question:
    type: str
    stem: str
    options: list[str]
    answer: Any                      # "B" | ["A","C"] | True/False | "三十日"
    explanation: str
    clause: Clause                   # focused on the 款/项 asked about
    answer_text: str = ""
    element: str = ""                # kind of element asked (time, amount, subject...)
    change: dict | None = None       # judge: {"from":..., "to":..., "kind":...}
    accepted: list[str] = field(default_factory=list)   # fill: other accepted spellings
    meta: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        key = f"{self.type}\x00{self.clause.law}\x00{self.clause.article_label}\x00{self.stem}\x00{self.options}"
        return hashlib.sha1(key.encode()).hexdigest()[:12]

    @property
    def source(self) -> dict:
        return Hit(self.clause, score=1.0, match="quiz").to_record()

    @property
    def citation(self) -> str:
        return self.clause.citation()

    def answer_letters(self) -> str:
        if self.type == "multiple":
            return "".join(self.answer)
        if self.type == "judge":
            return "正确" if self.answer else "错误"
        return str(self.answer)

    def to_dict(self) -> dict:
        return {"id": self.id, "type": self.type, "type_name": TYPE_NAMES[self.type], "stem": self.stem,
                "options": list(self.options), "answer": self.answer, "answer_text": self.answer_text,
                "explanation": self.explanation, "element": self.element, "change": self.change,
                "accepted": self.accepted, "source": self.source, "facts": list(self.meta.get("facts") or [])}


def short_law(clause: Clause) -> str:
    return clause.document.display_short_title


def according(clause: Clause) -> str:
    return f"根据《{short_law(clause)}》规定，"


def clean_item(text: str) -> str:
    return ITEM_MARK.sub("", text.split("\n")[0]).strip().rstrip("；;。，,")


@dataclass(frozen=True)
class Sentence:
    """A whole sentence of one 款 (or one 项), with the clause focused on it."""

    clause: Clause
    text: str            # ends with 。
    offset: int          # where it starts in the focused text


def refers_back(sentence: str, before: str) -> bool:
    """Does a sentence lean on a noun the text before it introduced ("接到声明后", "声明应当包括…")?"""
    if not before:
        return False
    opening = OPENING_NOUN.match(sentence)
    if opening and len(opening.group(1)) == 2 and opening.group(1) in before:
        return True   # a bare two-character noun (声明, 通知, 申请) named just before
    return any(len(m.group(1)) >= 2 and m.group(1) in before for m in RECEIPT.finditer(sentence[:30]))


def is_fragment(sentence: str) -> bool:
    """A 项 or condition ending in 的 is not a statement ("依法应当举行听证而不举行听证的。")."""
    return sentence.rstrip("。").endswith("的")


def sentences(clause: Clause, max_len: int = 150) -> list[Sentence]:
    """Self-contained sentences of an article: each 款 and each long-enough 项, split at 。."""
    from kb.quiz.context import condition_item, ends_on_earlier_noun, proviso_follows
    from kb.quiz.structure import is_heading_line

    found = []
    seen_text = ""
    previous = None
    for para in clause.paragraphs():
        if is_heading_line(para.text):
            continue   # a 编/分编 heading glued to the article by the source, not a rule
        lead_only = previous is not None and previous.text.rstrip().endswith(("：", ":")) and not previous.items
        previous = para
        if lead_only:
            seen_text += para.text
            continue   # the rest of a lead-in stored as a 款 ("由下列人员组成：" / "委员长，副委员长若干人…")
        units = [(clause.focus(para.index), para.text)]
        units += [(clause.focus(para.index, i), item) for i, item in enumerate(para.items, 1)]
        para_before = seen_text
        seen_text += para.text
        for focused, text in units:
            if focused.item is not None:
                body = clean_item(text)
                # a 项 stands alone only when it is a rule of its own (当事人要求听证的，应当在...提出), not a
                # condition or conduct of a 有下列情形/行为之一的 list
                if len(body) < 14 or "\n" in text or not RULE_WORDS.search(body) or "其他" in body or \
                        condition_item(para.text):
                    continue
                text = body + "。"
            start = 0
            for piece in re.findall(r"[^。]+。?", text):
                offset = start
                start += len(piece)
                if proviso_follows(text[start:]):
                    continue   # "人民法院判决变更，不得加重原告的义务…。但利害关系人同为原告…的除外。"
                if offset > 0 and focused.item is None and ends_on_earlier_noun(piece.strip(), text[:offset]):
                    continue   # "各少数民族都应当有适当名额的代表。" — the 代表 of the sentence before
                sentence = piece.strip()
                if not sentence.endswith("。"):
                    sentence = sentence.rstrip("；：:，,") + "。"
                if len(sentence) < 12 or len(sentence) > max_len or sentence.endswith("：。"):
                    continue
                if CONTEXT_RE.search(sentence) or "：" in sentence:
                    continue
                if sentence.startswith(DEPENDENT_STARTS) or truncated_start(sentence):
                    continue
                if offset > 0 and LEAD_CONDITION.match(sentence):
                    continue   # "符合法律规定情形的，应当暂缓执行" means little without the sentence before
                if CROSS_REF.search(sentence) or is_fragment(sentence):
                    continue
                if focused.item is None and refers_back(sentence, para_before + text[:offset]):
                    continue
                found.append(Sentence(focused, sentence, offset))
    return found


@lru_cache(maxsize=1)
def _department_tails() -> frozenset[str]:
    from kb.quiz.elements import DEPARTMENTS

    return frozenset(dept[i:i + 4] for dept in DEPARTMENTS for i in range(1, len(dept) - 3))


def truncated_start(sentence: str) -> bool:
    """The source lost the start of the 款 (e.g. "境主管部门责令改正..." for 由生态环境主管部门)."""
    return sentence[:4] in _department_tails()


def segment_around(sentence: str, start: int, end: int) -> str:
    """The sentence cut after the ；-segment holding [start, end), ending with 。 — never before a 但书."""
    stop = sentence.find("；", end)
    if stop < 0 or sentence[stop + 1:].startswith(CONTINUES):
        return sentence
    return sentence[:stop] + "。"


TITLES = ("院长", "检察长", "主任", "局长", "部长", "厅长", "负责人", "工作人员")
DEPT_STARTS = {"林业", "生态", "自然", "农业", "水行", "住房", "交通", "卫生", "市场", "发展", "工业", "应急", "商务",
               "公安", "财政", "教育", "司法", "统计", "能源", "城镇", "环境", "节能", "价格", "渔业", "海洋", "气象",
               "文化", "旅游", "民政", "税务", "金融", "有关", "其他", "相关", "确定", "指定", "城市", "科技", "国土"}
KIND_WEIGHTS = {"amount": 4, "time": 4, "multiple": 4, "term": 4, "percent": 3, "subject": 2, "party": 2, "liability": 3,
                "modal": 1}


COURT_LEVELS = ("最高", "高级", "中级", "基层", "军事", "海事", "专门")   # part of a court's name: 高级人民法院
# the blank is the head of a longer name: 公安机关交通管理部门, 海警机构海上派出机构
COMPOUND_NAME = re.compile("[^，。；、应可负会依不对向由并及和与或]{0,4}(?:管理部门|管理机构|派出机构)")
SET_UP = re.compile("(?:设立|设置|成立|组建|建立)$")
# what only a court does: a sentence saying it names the court for the trainee (经（　　）传票传唤, 作出…裁定)
COURT_ONLY = re.compile("判处|判决|裁定|审判|审理|审结|受理|立案|传票|起诉|诉讼|开庭|合议庭|上诉")


def subject_context(segment: str, start: int, end: int) -> str | None:
    """Why a subject at [start, end) of a sentence asks nothing, or None: what a government sets up
    (设立审计机关: it sets up 财政部门 too), a government before 规章 (县级人民政府 makes none), 人民法院
    forced by its verb (判处, 提起诉讼), or a body followed by 或者有关机关 (which any other body may be)."""
    if SET_UP.search(segment[:start]):
        return "the blank is what is set up (设立审计机关): the other departments are set up too"
    if segment[end:].startswith("规章"):
        return "a government before 规章: most levels make no 规章, so the options are not rules at all"
    if segment[start:end] == "人民法院" and COURT_ONLY.search(re.split("[。；]", segment[end:])[0]):
        return "the sentence's verb (判处, 裁定, 传票传唤, 提起诉讼) forces 人民法院"
    if COMPOUND_NAME.match(segment[end:]):
        return "the blank is part of one name (（　　）交通管理部门): only one option has such a part"
    if segment[end:].startswith(("或者有关", "或者其他有关")):
        return "X或者有关机关: any wrong body may be one of the 有关机关, so it is defensible"
    return None


def askable(sentence: Sentence, kinds: tuple[str, ...]) -> list[tuple["Element", str]]:
    """Elements of a sentence that can be blanked, each with the sentence cut after its segment."""
    from kb.quiz.elements import extract

    out = []
    for element in extract(sentence.text):
        if element.kind not in kinds:
            continue
        segment = segment_around(sentence.text, element.start, element.end)
        rest = segment[:element.start] + segment[element.end:]
        if element.text in rest or len(segment) > 160:
            continue
        chunk = re.split("[，。；、]|应当|可以|负责|会同|依法|不得", segment[element.end:])[0]
        if element.family == "subject:government" and (
                segment[element.end: element.end + 2] in DEPT_STARTS or segment[:element.start].endswith("、")
                or re.search("部门|机关|机构", chunk)):
            continue   # 县级以上地方人民政府[林业草原、农业农村...部门] / 设区的市、[县级人民政府]: not a whole subject
        before = segment[element.start - 1: element.start] if element.start else ""
        if element.kind in ("subject", "party") and ("、" in (before, segment[element.end: element.end + 1])
                                                    or segment[element.end: element.end + 1] == "的"
                                                    or segment[element.end:].startswith(TITLES)
                                                    or segment[:element.start].endswith(COURT_LEVELS)):
            continue   # one name of an enumeration (…主管部门、（　　）备案), "公安机关的组织", "最高人民法院",
            # or part of an office (人民法院院长 -> "司法行政部门院长")
        if element.kind == "subject" and subject_context(segment, element.start, element.end):
            continue
        if before in QUOTES or segment[element.end: element.end + 1] in QUOTES:
            continue   # 本法中“二日”“三日”...: a word quoted in a list, not a rule
        out.append((element, segment))
    return out


def choose_element(rng, pairs):
    """One (element, segment) pair, weighted towards numbers and terms over modal words."""
    if not pairs:
        return None
    weights = [KIND_WEIGHTS.get(element.kind, 1) for element, _ in pairs]
    return rng.choices(pairs, weights=weights, k=1)[0]


def blanked(segment: str, element, blank: str) -> str:
    return segment[:element.start] + blank + segment[element.end:]


def quote(text: str) -> str:
    return f"“{text}”"
