"""Question types and the text cues that answer them.

A question such as 查封扣押最长多久 asks for a time limit; the 款 that answers it says
不得超过三十日. ``question_types`` reads the kinds of answer a question wants from its wording;
``cue_score`` tells how strongly a piece of statute text carries that kind of answer (0..1).
Bureau jargon (环评, 超标, 偷排, 危废 …) is spelled out in statute wording for retrieval
(``expand_jargon``) and for word overlap (``statute_wording``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.clause import ITEM_MARK
from kb.numerals import CN_NUMBER_CHARS

NUM = rf"[{CN_NUMBER_CHARS}\d]+"


@dataclass(frozen=True)
class QuestionType:
    name: str
    question: re.Pattern       # wording of the question
    answer: re.Pattern         # strong cue in the statute text
    weak: re.Pattern | None    # weaker cue (half credit)


TYPES = (
    QuestionType(
        "time",
        re.compile(r"多久|多长时间|多长期限|期限|几日|几天|多少日|多少天|几个月|多少个月|几年|多少年|时效|何时|什么时候|"
                   r"多少个工作日|几个工作日|有效期|期间|届满|时限|最长|最短|多长|截止"),
        re.compile(rf"{NUM}(?:个)?(?:日|天|个月|年|小时|个工作日|工作日)(?:内|以内|前|后)?|不得超过{NUM}"),
        re.compile(r"期限|期间|有效期|及时|立即|时效|之日起|届满")),
    QuestionType(
        "amount",
        # a question about the sanction; 处罚/罚款 as the subject matter (处罚决定书, 罚款分期缴纳) is not one
        re.compile(r"罚多少|罚金|多少钱|怎么罚|如何罚|怎样罚|怎么处罚|如何处罚|怎样处罚|什么处罚|哪些处罚|处罚标准|"
                   r"处罚幅度|罚则|法律责任|什么责任|承担.{0,4}责任|要罚|会被罚|被罚|罚不罚|罚款多少|多少罚款|罚款幅度|"
                   r"罚款上限|多少元|多少万|怎么处理|如何处理|怎么处置|什么后果|(?<![的后])(?:处罚|罚款)[？?吗]?$"),
        re.compile(rf"处{NUM}[^。；]{{0,20}}?(?:元|倍)[^。；]{{0,20}}?罚款|罚款|{NUM}(?:万)?元|倍以上"),
        re.compile(r"处罚|责令|没收|吊销|拘留|处分")),
    QuestionType(
        "quantity",
        re.compile(r"几人|几名|多少人|多少名|几个人|几次|多少次|几份|多少份|比例|百分之几|几倍|多少倍"),
        re.compile(rf"(?:不得少于|不少于|至少|不超过|不得超过)?{NUM}(?:人|名|次|份|倍)|百分之{NUM}|不得少于|不少于"),
        None),
    QuestionType(
        "subject",
        re.compile(r"谁|哪个部门|哪些部门|什么部门|哪个机关|哪一级|什么机关|哪级|由谁|主管部门|负责|哪里|向哪|职责"),
        re.compile(r"人民政府|主管部门|行政机关|人民法院|人民检察院|机关|部门|机构|委员会|负责"),
        re.compile(r"单位|组织|当事人")),
    QuestionType(
        "modal",
        re.compile(r"能不能|能否|可不可以|可否|可以吗|可以不|是否|允许|准许|要不要|需不需要|必须|有没有|会不会|"
                   r"吗[？?]?$|禁止|不得|应不应该|合法"),
        re.compile(r"禁止|不得|严禁|应当|必须|可以|有权|不予|无权"),
        None),
    QuestionType(
        "condition",
        re.compile(r"条件|情形|哪些情况|什么情况|哪些|有哪几|包括什么|包括哪|范围|前提|哪几种|几种"),
        re.compile(r"下列|之一|以下|条件|情形"),
        re.compile(r"包括|符合")),
    QuestionType(
        "definition",
        re.compile(r"是什么|指什么|什么是|什么叫|何为|何谓|含义|定义|概念|属于什么"),
        re.compile(r"所称|是指|指的是|包括"),
        None),
    QuestionType(
        "procedure",
        re.compile(r"程序|流程|步骤|手续|怎么办理|如何办理|如何申请|怎么申请|怎么做|如何|怎么|怎样|方式"),
        re.compile(r"应当|申请|提交|提出|备案|报送|审批|告知|送达|公开"),
        None),
)

BY_NAME = {t.name: t for t in TYPES}


# Words of the bureau's daily speech and the statute wording they stand for (added to the question)
JARGON = {
    "环评": "环境影响评价 生态环境影响评价 环境影响报告书 报告表",
    "未批先建": "未依法报批 擅自开工建设 生态环境影响报告书",
    "超标(?!准)": "超过污染物排放标准",
    "偷排": "逃避监管 暗管 排放污染物",
    "漏排": "逃避监管 排放污染物",
    "(?<![偷漏])排污(?!许可|口|证|单位|权|费)": "排放污染物",
    "危废": "危险废物",
    "固废": "固体废物",
    "查扣": "查封 扣押",
    "环保部门|环保局|生态环境局|环境局": "生态环境主管部门",
    "三同时": "防治污染的设施 同时设计 同时施工 同时投产使用",
    "按日计罚": "按日连续处罚",
    "(?<!按日)计罚": "处罚",
    "连续罚": "按日连续处罚",
    "告上法庭": "提起诉讼",
    "(?<!提)起诉": "提起诉讼",
    "打官司": "提起诉讼",
    "在线监测": "自动监测",
    "排污证": "排污许可证",
    "限产": "限制生产",
    "停产(?!停业|整治)": "停产整治",
    "噪音": "噪声",
    "工地": "建筑施工",
    "(?<!生态环境)损害赔偿": "生态环境损害赔偿",
    "公开信息": "信息公开",
}
JARGON_RES = [(re.compile(pattern), words) for pattern, words in JARGON.items()]
TIME_FILLER = frozenset("时间 期限 时限 天 日 多长 长".split())


def expand_jargon(question: str) -> str:
    """The question with the statute wording of bureau jargon appended (环评 -> 环境影响评价 …)."""
    extra = [words for pattern, words in JARGON_RES if pattern.search(question)]
    return f"{question} {' '.join(extra)}" if extra else question


def statute_wording(question: str) -> str:
    """The question with each jargon word replaced by its main statute wording (for word overlap)."""
    for pattern, words in JARGON_RES:
        question = pattern.sub(words.split()[0], question)
    return question


def question_types(question: str) -> list[str]:
    """Names of the answer kinds a question asks for, most specific first."""
    found = [t.name for t in TYPES if t.question.search(question)]
    if "procedure" in found and len(found) > 1:
        found.remove("procedure")  # 怎么/如何 only says "procedure" when nothing more specific is asked
    # 罚款 mentioned as the subject matter ("罚款期限") is a time question, not an amount one
    if "time" in found and "amount" in found and not re.search(r"罚多少|多少钱|怎么罚|如何处罚|什么处罚|多少元|多少万", question):
        found.remove("amount")
    return found


LIMIT_QUESTION = re.compile(r"最长|最多|最久|上限|最高|最短|最少|不超过|多久")
TIME_WORD = re.compile(r"期限|时限|有效期|期间|时效|保存期")
LIMIT_ANSWER = re.compile(r"不得超过|不超过|最长|最短|以内|日内|月内|年内|届满前")


def cue_score(text: str, types: list[str], has_items: bool = False, limit: bool = False) -> float:
    """How well a text carries the kinds of answer asked for (mean over the types, 0..1).

    ``limit``: the question asks for a maximum or minimum (最长多久), so 不得超过/以内 count more.
    """
    if not types:
        return 0.0
    total = 0.0
    for name in types:
        qtype = BY_NAME[name]
        strong = len(qtype.answer.findall(text))
        if name == "time" and strong:
            # a number of days is the answer; saying it is the 期限 and, for 最长/最多, a limit (不得超过,
            # 日内) make it more likely the rule asked about rather than a time mentioned in passing
            score = min(0.7, 0.6 + 0.05 * (strong - 1)) + (0.15 if TIME_WORD.search(text) else 0.0)
            if limit and LIMIT_ANSWER.search(text):
                score += 0.15
        elif strong:
            score = min(1.0, 0.75 + 0.1 * (strong - 1))
        elif qtype.weak is not None and qtype.weak.search(text):
            score = 0.35
        else:
            score = 0.0
        if name == "condition" and has_items:
            score = max(score, 0.9)
        total += score
    return total / len(types)


PENALTY_RE = re.compile(r"^违反本(?:法|条例|规定|办法)|^有下列(?:情形|行为)之一的，由|责令改正，(?:并)?处|依法追究刑事责任")


def is_penalty(text: str) -> bool:
    """A 法律责任 clause (违反本法规定…由…处…罚款)."""
    return bool(PENALTY_RE.search(text))


def split_sentences(text: str) -> list[str]:
    """Sentences of a 款 (split after 。！？), each keeping its end mark."""
    parts = re.split(r"(?<=[。！？])", text)
    return [p.strip() for p in parts if p.strip()]


def strip_item_prefix(text: str) -> str:
    return ITEM_MARK.sub("", text.strip())
