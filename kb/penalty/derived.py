"""Sanctions a row has by other words of the text: floors of multiple-based fines and 依照前款规定处罚.

Floors: 处货值金额一倍以上五倍以下的罚款，货值金额不足五万元的，以五万元计算.

When the base (货值金额, 违法所得, 违法收入) is under the stated sum, the fine is counted on that sum, so the
row has a case of its own: 货值金额不足五万元的 → 五万元以上二十五万元以下. ``with_floors(sanctions)`` adds
that case after the fine it bounds (a sanction whose condition is the floor and whose text only says
以五万元计算 — the floor after a ；, bounding every multiple fine on its base — becomes those cases). Every value is a numeral of the text times a
multiple of the text (``Amount.numerals`` keeps both); nothing is guessed: a floor without a multiple
fine before it adds nothing.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kb.numerals import CN_NUMBER_CHARS as CN_NUM, int_to_cn
from kb.penalty.amounts import Amount, number
from kb.penalty.references import PARAGRAPH, numbered
from kb.penalty.sanctions import PERSONS, Fine, Sanction

ARTICLE = re.compile(rf"第([{CN_NUM}]+)条(至)?")
NUM = r"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)"
SUM = rf"{NUM}(?:万|亿)?元"
# 货值金额不足五万元的，以五万元计算 / 违法零售的药品货值金额不足一万元的，按一万元计算
FLOOR = re.compile(rf"(?P<cond>[^，；。]*?不足(?P<sum>{SUM})的)，(?:以|按|按照)(?P=sum)计算")
FLOOR_TEXT = re.compile(rf"^(?:以|按|按照)(?P<sum>{SUM})计算$")
UNDER = re.compile(rf"不足(?P<sum>{SUM})的$")
# …百分之五十以上五倍以下的罚款，但罚款不得低于二千元 (船舶吨税法第十八条) / …，但最高不得超过十万元: a bound in yuan stated
# apart from the multiple fine it bounds (issue 17ll)
BOUND = re.compile(rf"罚款，但(?:罚款)?(?:数额)?(?:(?:最低)?不得(?:低于|少于)(?P<floor>{SUM})|最高不得超过(?P<cap>{SUM}))(?=[，；。]|$)")


def _yuan(text: str) -> float:
    match = re.fullmatch(rf"(?P<n>{NUM})(?P<u>万|亿)?元", text)
    return number(match.group("n")) * {"万": 1e4, "亿": 1e8}.get(match.group("u"), 1)


def _base_word(condition: str) -> str:
    """The base the floor is about: the last four characters before 不足 (货值金额, 违法所得)."""
    return condition.split("不足")[0][-4:]


def _floored(fine: Fine, multiple: Amount, total: str, condition: str) -> Fine:
    value = _yuan(total)
    low = None if multiple.min is None else multiple.min * value
    high = None if multiple.max is None else multiple.max * value
    amount = Amount("yuan", low, high, text=f"{multiple.text}（以{total}计算）",
                    numerals=(total, *multiple.numerals))
    return Fine(fine.target, [amount], fine.optional, f"{fine.text}，{condition}，以{total}计算")


def _multiples_before(sanctions: list[Sanction], base: str) -> list[tuple[Sanction, Fine, Amount]]:
    """The multiple fines of these sanctions on that base (else all multiple fines), in order."""
    found = [(s, f, a) for s in sanctions for f in s.fines for a in f.amounts if a.kind == "multiple" and not f.on_persons]
    same = [entry for entry in found if base and entry[2].base and base in entry[2].base]
    return same or found


def _case(source: Sanction, fine: Fine, multiple: Amount, total: str, condition: str) -> Sanction:
    outer = source.condition
    full = f"{outer}，{condition}" if outer and not condition.startswith(outer) else condition
    return Sanction(full, f"{condition}，以{total}计算", measures=["罚款"],
                    fines=[_floored(fine, multiple, total, condition)], source=source.source)


def _bounded(sanction: Sanction) -> Sanction:
    """The sanction with each multiple fine followed by 但罚款不得低于X元 / 但最高不得超过X元 bounded by it."""
    fines = list(sanction.fines)
    for match in BOUND.finditer(sanction.text):
        before = sanction.text[:match.start() + 2]
        index = next((i for i in range(len(fines) - 1, -1, -1) if fines[i].text and before.endswith(fines[i].text)), None)
        if index is None or not any(a.kind == "multiple" for a in fines[index].amounts):
            continue
        key, total = ("floor", match.group("floor")) if match.group("floor") else ("cap", match.group("cap"))
        amounts = [replace(a, **{key: _yuan(total)}, numerals=(*a.numerals, total)) if a.kind == "multiple" else a
                   for a in fines[index].amounts]
        fines[index] = replace(fines[index], amounts=amounts)
    return replace(sanction, fines=fines) if fines != sanction.fines else sanction


def with_floors(sanctions: list[Sanction]) -> list[Sanction]:
    """The sanctions with a case added for each floor of a multiple fine, and a floor or cap stated after a
    multiple fine (但罚款不得低于X元) set on it (see the module docstring)."""
    result: list[Sanction] = []
    for sanction in map(_bounded, sanctions):
        only = FLOOR_TEXT.match(sanction.text.strip())
        under = UNDER.search(sanction.condition or "")
        if only and under and under.group("sum") == only.group("sum") and not sanction.fines:
            # a floor after a ； bounds every multiple fine on its base before it (…并处A；情节严重的，并处B；
            # 货值金额不足五万元的，按五万元计算)
            condition = re.split(r"，", sanction.condition)[-1]
            found = _multiples_before(result, _base_word(condition))
            result.extend(replace(_case(source, fine, multiple, only.group("sum"), condition), source=sanction.source)
                          for source, fine, multiple in found)
            if found:
                continue
        result.append(sanction)
        for match in FLOOR.finditer(sanction.text):     # …罚款，货值金额不足五万元的，以五万元计算: the fine before it
            condition = match.group("cond")
            found = _multiples_before(result, _base_word(condition))
            if found:
                source, fine, multiple = found[-1]
                result.append(_case(source, fine, multiple, match.group("sum"), condition))
    return result


# 依照前款规定处罚 / 依照第一款的规定处理 / 依照前款规定处以罚款 / 依照前款规定给予行政处罚 (issue 17gh) / 依照前款规定予以罚款、拘留 (issue 17cc) / 按照职责分工依照前款规定予以处罚 / 依照本条第一款关于直接负责的
# 主管人员和其他直接责任人员的规定处理 (注册会计师法第四十八条第二款: only that part of the 款; issue 17aa)
_REFERENCE = (rf"(?:依照|按照)(?:职责分工依照)?(?:前款|(?:本条)?(?P<p>第[{CN_NUM}]+款))(?:关于(?P<part>[^，；。]{{1,40}}?))?"
              r"(?:的)?规定(?:予以|给予)?(?:行政)?(?P<verb>处罚|处理|处以罚款|罚款(?:、拘留)?$)")
SANCTION_OF = re.compile(_REFERENCE)
# 并对直接负责的主管人员和其他直接责任人员，依照第一款的规定处罚 (反间谍法第五十四条第三款): the persons are fined as
# that 款 fines its offender (issue 17x)
PERSONS_OF = re.compile(rf"对(?:其)?(?P<who>[^，；。对]*?(?:主管人员|责任人员|负责人)[^，；。对]*?)，?(?:也|并)?"
                        rf"(?P<ref>{re.sub(r'[?]P<[a-z]+>', '', _REFERENCE)})$")
# a gain of the offender (有违法所得的，没收违法所得，并对…人员依照前款规定处罚) is no condition of the persons' fine
GAIN = re.compile(r"^(?:有|没有)?违法所得")


def _referred(match: re.Match, row, sanction: Sanction) -> int:
    """The 款 a reference names: 第X款, or 前款 counted from the 款 the sanction comes from."""
    if match.group("p"):
        return numbered(match.group("p"), PARAGRAPH)[0]
    own = numbered(sanction.source, PARAGRAPH)[0] if sanction.source and PARAGRAPH.fullmatch(sanction.source) else None
    return (own or row.paragraph) - 1


def borrow_sanctions(row, rows: list) -> None:
    """超出登记区域开采的，依照前款规定处罚: the row is sanctioned as the 款 it names (its fines copied,
    marked with their source); when the rows of that 款 are sanctioned differently, nothing is copied.
    对直接负责的主管人员…，依照第一款的规定处罚: that 款's fines (and detentions) become the persons' own."""
    own = {id(r): [s for s in r.sanctions if s.source is None] for r in rows}
    previous = None
    for sanction in list(row.sanctions):
        persons = _persons_reference(sanction, previous)
        previous = sanction
        if persons:
            who, match = persons
            _borrow_for_persons(row, rows, own, sanction, who, match)
            continue
        match = SANCTION_OF.search(sanction.text)
        if not match:
            continue
        target = _referred(match, row, sanction)
        sources = [r for r in rows if r.paragraph == target and r is not row]
        if not sources or any(r.sanctions != sources[0].sanctions for r in sources):
            continue
        _copy_before(row, sanction, sources[0].sanctions, f"第{int_to_cn(target)}款", match.group("part"),
                     match.group("verb"))


def _copy_before(row, sanction: Sanction, borrowed: list[Sanction], source: str, part: str | None,
                 verb: str) -> None:
    """Copy the sanctions of the 款 (or article) a reference names before the referring sanction. 关于直接负责的主管人员…
    的规定: only that 款's persons' sanctions, now the row's own (the offender is such a person); 处以罚款: only
    its fines, which replace the referring sanction's fine without an amount."""
    if part and PERSONS.search(part):
        borrowed = [replace(s, fines=[replace(f, target=None) for f in s.fines if f.on_persons],
                            detentions=[(None, d) for t, d in s.detentions if t and PERSONS.search(t)])
                    for s in borrowed if any(f.on_persons for f in s.fines)]
    elif "罚款" in verb:     # the fines only: the referring 款 names its own body and measures
        borrowed = [replace(s, agencies=[], measures=["罚款"], detentions=[]) for s in borrowed if s.fines]
    if "罚款" in verb and any(f.amounts for s in borrowed for f in s.fines):
        sanction.fines = [f for f in sanction.fines if f.amounts]
    own_body = bool(sanction.agencies)     # 由价格主管部门依照前款规定给予处罚: that body, not the 款's (issue 17aa)
    for each in borrowed:
        copy = replace(each, condition=_merge(sanction.condition, each.condition), source=each.source or source,
                       agencies=[] if own_body else each.agencies)
        row.sanctions.insert(row.sanctions.index(sanction), copy)


def _persons_reference(sanction: Sanction, previous: Sanction | None) -> tuple[str, re.Match] | None:
    """(the persons, the reference) when the sanction ends with 对…人员…依照第X款的规定处罚 (or opens with the
    reference and the sanction before it ends with 对…人员, as a condition cut the sentence there)."""
    text = sanction.text.rstrip("。")
    for probe in (text, f"{previous.text}，{text}" if previous else None):
        match = probe and PERSONS_OF.search(probe)
        if match and match.group("who"):
            return match.group("who"), SANCTION_OF.search(match.group("ref"))
    return None


def _borrow_for_persons(row, rows: list, own: dict, sanction: Sanction, who: str, match: re.Match) -> None:
    target = _referred(match, row, sanction)
    sources = [r for r in rows if r.paragraph == target]
    if not sources or any(own[id(r)] != own[id(sources[0])] for r in sources):
        return
    condition = sanction.condition
    at = row.sanctions.index(sanction) + 1
    before = row.sanctions[at - 2] if at > 1 else None
    if re.match(r"并?对", sanction.text) and before and before.condition == condition:
        condition = None        # …；造成严重后果的，处…；并对其直接负责的主管人员…依照前款规定处罚: every case's persons
    if condition and GAIN.match(condition.rpartition("，")[2]):
        condition = condition.rpartition("，")[0] or None
    for borrowed in own[id(sources[0])]:
        if not borrowed.fines and not borrowed.detentions:
            continue
        fines = [replace(f, target=who) for f in borrowed.fines if not f.on_persons]
        held = [(who, d) for t, d in borrowed.detentions if not t]
        if not fines and not held:
            continue
        copy = Sanction(_merge(condition, borrowed.condition), borrowed.text, measures=(["罚款"] if fines else [])
                        + (["行政拘留"] if held else []), fines=fines, detentions=held,
                        source=f"第{int_to_cn(target)}款")
        row.sanctions.insert(at, copy)
        at += 1
        if "罚款" in match.group("verb") and any(f.amounts for f in fines):
            # (issue 17cc) …人员依照前款规定予以罚款、拘留: the 款's amount stands for the fine the reference named without one
            sanction.fines = [f for f in sanction.fines if f.amounts]


def _merge(outer: str | None, inner: str | None) -> str | None:
    if outer and inner and outer != inner:
        return f"{outer}，{inner}"
    return outer or inner


# 依照本法第九十条的规定予以处罚 / 依照本法第五十七条第二款的规定处罚: the amounts stand in another article (issue 17aa)
ARTICLE_OF = re.compile(rf"(?:依照|按照)本法(?P<a>第[{CN_NUM}]+条)(?P<p>第[{CN_NUM}]+款)?(?:的)?规定(?:予以|给予)?"
                        r"(?:行政)?(?P<verb>处罚|处理|处以罚款)")


def borrow_articles(rows: list) -> None:
    """A row sanctioned 依照本法第X条（第Y款）的规定处罚 gets the sanctions of that article's (款's) rows, as
    ``borrow_sanctions`` does within an article: only when the reference is its whole sanction word (no fine of its own
    with an amount) and the rows it names are all sanctioned alike."""
    for row in rows:
        for sanction in list(row.sanctions):
            match = ARTICLE_OF.search(sanction.text)
            if not match or any(f.amounts for f in sanction.fines) or sanction.source:
                continue
            article = numbered(match.group("a"), ARTICLE)[0]
            paragraph = numbered(match.group("p"), PARAGRAPH)[0] if match.group("p") else None
            sources = [r for r in rows if r is not row and r.clause.article == article and not r.clause.article_suffix
                       and paragraph in (None, r.paragraph)]
            if not sources or any(r.sanctions != sources[0].sanctions for r in sources):
                continue
            label = f"第{int_to_cn(article)}条" + (f"第{int_to_cn(paragraph)}款" if paragraph else "")
            own = [s for s in sources[0].sanctions if s.source is None or paragraph is None]
            _copy_before(row, sanction, own, label, None, match.group("verb"))
