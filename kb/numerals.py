"""Chinese numerals as used in statute numbering: 第一千二百四十二条, 第十条之一, （三）."""

from __future__ import annotations

import re

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
          "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
          "九": 9, "玖": 9}
UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
CN_NUMBER_CHARS = "".join(DIGITS) + "".join(UNITS) + "".join(BIG_UNITS)  # for regex classes: [{CN_NUMBER_CHARS}]
CN_DIGIT_CHARS = "零〇○一二三四五六七八九"  # digits written one by one: 二〇二六年
NUMBER_PATTERN = rf"(?:\d+|[{CN_NUMBER_CHARS}]+)"

_CN_DIGITS = "零一二三四五六七八九"


def cn_to_int(text: str) -> int:
    """Parse a Chinese or Arabic numeral: '一千二百四十二' -> 1242, '十' -> 10, '33' -> 33.

    Raises ValueError for anything that is not a numeral.
    """
    text = text.strip()
    if not text:
        raise ValueError("empty numeral")
    if text.isdigit():
        return int(text)
    if all(ch in DIGITS for ch in text) and len(text) > 1:
        # digit-by-digit form such as 二〇二六
        return int("".join(str(DIGITS[ch]) for ch in text))
    total = 0
    section = 0
    number = 0
    for ch in text:
        if ch in DIGITS:
            number = DIGITS[ch]
        elif ch in UNITS:
            unit = UNITS[ch]
            section += (number or 1) * unit if not (number == 0 and section and unit == 10) else unit
            number = 0
        elif ch in BIG_UNITS:
            section += number
            total += section * BIG_UNITS[ch]
            section = 0
            number = 0
        else:
            raise ValueError(f"not a numeral: {text!r}")
    return total + section + number


def int_to_cn(value: int) -> str:
    """Write a positive integer below 100,000 the way statutes number articles: 1242 -> 一千二百四十二."""
    if value < 0:
        raise ValueError("negative numeral")
    if value == 0:
        return "零"
    for size, name in ((100_000_000, "亿"), (10_000, "万")):
        if value >= size:
            head, rest = divmod(value, size)
            tail = "" if rest == 0 else ("零" if rest < size // 10 else "") + _small_to_cn(rest, lead=False)
            if rest >= 10_000 and size == 100_000_000:
                tail = ("零" if rest < size // 10 else "") + int_to_cn(rest)
            return int_to_cn(head) + name + tail
    return _small_to_cn(value, lead=True)


def _small_to_cn(value: int, lead: bool) -> str:
    """Numerals below 10,000; lead=False keeps 一十 as 一十 inside larger numbers."""
    parts = []
    units = [(1000, "千"), (100, "百"), (10, "十"), (1, "")]
    pending_zero = False
    started = False
    for size, name in units:
        digit = value // size % 10
        if digit == 0:
            if started:
                pending_zero = True
            continue
        if pending_zero:
            parts.append("零")
            pending_zero = False
        if not (size == 10 and digit == 1 and not started and lead):
            parts.append(_CN_DIGITS[digit])
        parts.append(name)
        started = True
    return "".join(parts)


SUFFIX_NAMES = ["", "之一", "之二", "之三", "之四", "之五", "之六", "之七", "之八", "之九", "之十"]
ARTICLE_LABEL_RE = re.compile(rf"^第({NUMBER_PATTERN})条(?:之({NUMBER_PATTERN}))?$")


def article_label(number: int, suffix: int = 0) -> str:
    """(120, 1) -> '第一百二十条之一'."""
    label = f"第{int_to_cn(number)}条"
    if suffix:
        label += f"之{int_to_cn(suffix)}"
    return label


def parse_article_label(label: str) -> tuple[int, int]:
    """'第一百二十条之一' -> (120, 1); '第33条' -> (33, 0). Raises ValueError otherwise."""
    match = ARTICLE_LABEL_RE.match(label.strip())
    if not match:
        raise ValueError(f"not an article label: {label!r}")
    return cn_to_int(match.group(1)), cn_to_int(match.group(2)) if match.group(2) else 0


def paragraph_label(index: int) -> str:
    return f"第{int_to_cn(index)}款"


def item_label(index: int) -> str:
    return f"第（{int_to_cn(index)}）项"
