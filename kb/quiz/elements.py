"""Key elements of a clause that a quiz can ask about.

An element is a span of the clause text with a kind: a time limit (三十日, 十五个工作日), an amount
or amount range (十万元以上一百万元以下), a multiple (一倍以上三倍以下), a subject (县级以上地方人民政府
生态环境主管部门, 公安机关), a modal word (应当/可以/不得), or a defined term (本法所称X，是指...).
Elements of one kind are interchangeable as options, which is what distractors need.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from kb.numerals import CN_NUMBER_CHARS, cn_to_int, int_to_cn

NUM = rf"[0-9{CN_NUMBER_CHARS}]+"
TIME_RE = re.compile(rf"(?<![0-9{CN_NUMBER_CHARS}第年月])({NUM})(个)?(工作日|日|天|个月|月|年|小时|周)"
                     rf"(?![0-9{CN_NUMBER_CHARS}岁]|日起施行|起施行)")
TIME_RANGE_RE = re.compile(rf"(?<![0-9{CN_NUMBER_CHARS}])({NUM})(日|个月|年)以上({NUM})\2以下")
AMOUNT_ONE = rf"{NUM}(?:\.\d+)?(?:万|亿)?元"
AMOUNT_RE = re.compile(rf"(?<![0-9{CN_NUMBER_CHARS}])({AMOUNT_ONE}以上{AMOUNT_ONE}以下|{AMOUNT_ONE}(?:以上|以下))")
MULTIPLE_RE = re.compile(rf"(?<![0-9{CN_NUMBER_CHARS}])({NUM}倍以上{NUM}倍以下|{NUM}倍(?:以上|以下)?)")
PERCENT_RE = re.compile(rf"百分之[{CN_NUMBER_CHARS}点]+(?:以上百分之[{CN_NUMBER_CHARS}点]+以下)?")
DEFINITION_RE = re.compile(r"(?:本法|本条例|本规定|本办法|本编|本章|本节|本条)(?:中)?所称(?:的)?([^，。；：“”]{2,20}?)，(?:是指|包括|指)")

MODAL_GROUPS = {"应当": "must", "必须": "must", "可以": "may", "有权": "may", "不得": "mustnot",
                "禁止": "mustnot", "严禁": "mustnot", "无须": "neednot"}
MODAL_RE = re.compile(r"(?<![不也])(应当|可以|不得)(?!不)")
MODAL_OPTIONS = ("应当", "可以", "不得", "无须")

LEVELS = [
    ("国务院", "national"),
    ("省、自治区、直辖市人民政府", "province"), ("省级以上人民政府", "province"), ("省级人民政府", "province"),
    ("设区的市级以上地方人民政府", "city"), ("设区的市级人民政府", "city"),
    ("县级以上地方人民政府", "county"), ("县级以上人民政府", "county"), ("县级人民政府", "county"),
    ("乡镇人民政府", "town"),
]
DEPARTMENTS = [
    "生态环境主管部门", "自然资源主管部门", "住房城乡建设主管部门", "水行政主管部门", "农业农村主管部门",
    "林业草原主管部门", "交通运输主管部门", "卫生健康主管部门", "市场监督管理部门", "发展改革部门",
    "工业和信息化主管部门", "应急管理部门", "商务主管部门", "海洋主管部门", "渔业主管部门",
    "城市人民政府环境卫生主管部门", "公安机关", "海事管理机构", "海关", "海警机构", "人民法院", "人民检察院",
    "审计机关", "统计部门", "能源主管部门", "财政部门", "教育行政部门", "司法行政部门",
    "野生动物保护主管部门", "渔业渔政主管部门", "节能主管部门", "城镇排水主管部门", "价格主管部门", "核工业主管部门",
    "气象主管机构", "铁路监督管理部门",
]
SUBJECT_RE = re.compile(
    "(?:(" + "|".join(re.escape(name) for name, _ in LEVELS) + ")(?:的)?)?(" + "|".join(map(re.escape, DEPARTMENTS)) + ")"
    + "|(" + "|".join(re.escape(name) for name, _ in LEVELS if name != "国务院") + ")(?![^，。；]{0,2}(?:部门|机关|机构))")
LEVEL_GROUP = dict(LEVELS)
# parties of civil liability (侵权责任编 asks who answers for a harm) and the kinds of liability
PARTIES = ("被侵权人", "侵权人", "第三人", "监护人", "受托人", "生产者", "销售者", "运输者", "仓储者", "医疗机构", "医务人员",
           "用人单位", "接受劳务一方", "提供劳务一方", "网络服务提供者", "网络用户", "饲养人或者管理人", "动物园",
           "所有人或者管理人", "所有人、管理人或者使用人", "行为人", "污染者", "定作人", "承揽人", "建设单位与施工单位",
           "经营者、管理者或者组织者", "幼儿园、学校或者其他教育机构", "机动车使用人", "机动车所有人、管理人",
           "保险人", "受害人", "责任人", "委托人", "出卖人", "买受人", "出租人", "承租人", "债权人", "债务人")
PARTY_RE = re.compile("(?:(?<=[，。；、由向或和与及对是])|^)(" + "|".join(sorted(map(re.escape, PARTIES), key=len, reverse=True))
                      + ")(?=应当|可以|不得|承担|有权|请求|就|对|与|和|或者|、|，|的|不|依法|明知|在|因|未|违反|知道|也|有过错)")
LIABILITIES = ("连带责任", "按份责任", "相应的补充责任", "相应的责任")
LIABILITY_RE = re.compile("承担(" + "|".join(map(re.escape, LIABILITIES)) + ")")


@dataclass(frozen=True)
class Element:
    """One askable span of a text: kind, the exact text, where it starts, and a family for options."""

    kind: str          # time | amount | multiple | percent | subject | modal | term | party | liability
    text: str
    start: int
    family: str = ""   # options must share it: the time unit, 'range'/'single' amounts, the modal set...

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _time_family(match: re.Match) -> str | None:
    number, ge, unit = match.group(1), match.group(2), match.group(3)
    try:
        value = cn_to_int(number)
    except ValueError:
        return None
    limits = {"工作日": 60, "日": 365, "天": 365, "个月": 60, "月": 24, "年": 30, "小时": 96, "周": 12}
    if value <= 0 or value > limits[unit] or (unit == "年" and number.isdigit() and len(number) == 4):
        return None
    return f"{'digit' if number.isdigit() else 'cn'}:{ge or ''}{unit}"


def extract(text: str) -> list[Element]:
    """Every key element in a text, in order, overlapping spans resolved to the first/longest."""
    return list(_extract(text))


@lru_cache(maxsize=50_000)
def _extract(text: str) -> tuple[Element, ...]:
    found: list[Element] = []
    for match in TIME_RANGE_RE.finditer(text):
        found.append(Element("time", match.group(0), match.start(), f"range:{match.group(2)}"))
    for match in TIME_RE.finditer(text):
        family = _time_family(match)
        if family:
            found.append(Element("time", match.group(0), match.start(), family))
    for match in AMOUNT_RE.finditer(text):
        shape = "range" if "以上" in match.group(1) and "以下" in match.group(1) else match.group(1)[-2:]
        found.append(Element("amount", match.group(1), match.start(1), f"amount:{shape}"))
    for match in MULTIPLE_RE.finditer(text):
        shape = "range" if "以上" in match.group(1) and "以下" in match.group(1) else match.group(1)[-2:]
        found.append(Element("multiple", match.group(1), match.start(1), f"multiple:{shape}"))
    for match in PERCENT_RE.finditer(text):
        shape = "range" if "以上" in match.group(0) else "single"
        found.append(Element("percent", match.group(0), match.start(), f"percent:{shape}"))
    for match in SUBJECT_RE.finditer(text):
        if match.group(3):
            found.append(Element("subject", match.group(3), match.start(3), "subject:government"))
        else:
            found.append(Element("subject", match.group(0), match.start(), "subject:department"))
    for match in MODAL_RE.finditer(text):
        found.append(Element("modal", match.group(1), match.start(1), "modal"))
    for match in DEFINITION_RE.finditer(text):
        found.append(Element("term", match.group(1), match.start(1), "term"))
    for match in PARTY_RE.finditer(text):
        found.append(Element("party", match.group(1), match.start(1), "party"))
    for match in LIABILITY_RE.finditer(text):
        found.append(Element("liability", match.group(1), match.start(1), "liability"))
    found.sort(key=lambda e: (e.start, -len(e.text)))
    kept: list[Element] = []
    for element in found:
        if kept and element.start < kept[-1].end:
            continue
        kept.append(element)
    return tuple(kept)


def kind_of(text: str) -> str | None:
    """The kind of an option text when it is exactly one element, else None."""
    for element in extract(text):
        if element.start == 0 and element.end == len(text):
            return element.kind
    if text in MODAL_OPTIONS:
        return "modal"
    if text in LIABILITIES:
        return "liability"
    if text in PARTIES:
        return "party"
    return None


# -- numbers inside elements ---------------------------------------------------------------------
_NUMBER_RUN = re.compile(rf"[0-9{CN_NUMBER_CHARS}]+(?:\.\d+)?")


def number_value(text: str) -> int | None:
    try:
        return cn_to_int(text)
    except ValueError:
        return None


def write_number(value: int, like: str) -> str:
    """A value in the style of `like` (Arabic digits or Chinese numerals)."""
    if like.isdigit():
        return str(value)
    return int_to_cn(value)


def split_amount(text: str) -> tuple[int, str] | None:
    """'十万元' -> (100000, 'cn'), '5万元' -> (50000, 'digit')."""
    match = re.fullmatch(rf"({NUM})(万|亿)?元", text)
    if not match:
        return None
    value = number_value(match.group(1))
    if value is None:
        return None
    scale = {"万": 10_000, "亿": 100_000_000}.get(match.group(2) or "", 1)
    return value * scale, "digit" if match.group(1).isdigit() else "cn"


def write_amount(value: int, style: str) -> str:
    for scale, name in ((100_000_000, "亿"), (10_000, "万")):
        if value >= scale and value % scale == 0:
            number = value // scale
            return (str(number) if style == "digit" else int_to_cn(number)) + name + "元"
    return (str(value) if style == "digit" else int_to_cn(value)) + "元"


# -- answer normalisation --------------------------------------------------------------------------
_PUNCT = str.maketrans({"（": "(", "）": ")", "，": ",", "；": ";", "：": ":", "“": '"', "”": '"', "、": ","})


def normalize_answer(text: str) -> str:
    """Compare form of a typed answer: NFKC (full/half width), no spaces, numbers as integers.

    '三十日' == '30日' == '３０ 日'; '十万元' == '10万元' == '100000元'.
    """
    value = unicodedata.normalize("NFKC", str(text)).translate(_PUNCT)
    value = re.sub(r"\s+", "", value).strip("。.,;")

    def number(match: re.Match) -> str:
        run = match.group(0)
        parsed = number_value(run) if "." not in run else None
        return str(parsed) if parsed is not None else run

    value = _NUMBER_RUN.sub(number, value)
    # 10万元 -> 100000元 so both spellings compare equal
    value = re.sub(r"(\d+)万(?=元)", lambda m: str(int(m.group(1)) * 10_000), value)
    value = re.sub(r"(\d+)亿(?=元)", lambda m: str(int(m.group(1)) * 100_000_000), value)
    return value.lower()


def answers_match(given: str, expected: str | list[str]) -> bool:
    accepted = [expected] if isinstance(expected, str) else list(expected)
    norm = normalize_answer(given)
    return bool(norm) and any(norm == normalize_answer(a) for a in accepted)
