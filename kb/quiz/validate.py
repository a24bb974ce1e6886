"""Checks every question must pass before anyone sees it.

The answer follows from the source clause; a 单选 has exactly one correct option; options are
distinct and of one kind; the stem does not give the answer away; no blank on a function word; a
false 判断 differs from the source in exactly one element. ``problems(q)`` lists what is wrong.
"""

from __future__ import annotations

import re

from kb.quiz.distractors import NEAR_LIABILITIES, excluded_departments, inside_range, same_scale
from kb.quiz.elements import LEVELS


def _level(text: str) -> str:
    return next((name for name, _ in LEVELS if text.startswith(name)), "")


def narrower_level(old: str, new: str) -> bool:
    """县级以上地方人民政府 -> 省级人民政府: the changed statement names a level the range includes."""
    return inside_range(_level(old), _level(new)) and old[len(_level(old)):] == new[len(_level(new)):]
from kb.quiz.elements import MODAL_OPTIONS, kind_of, normalize_answer
from kb.quiz.question import (BLANK, CONTINUES, CROSS_REF, FILL_BLANK, LETTERS, TYPES, Question, according,
                              clean_item, is_fragment, refers_back, subject_context,
                              truncated_start)
from kb.quiz.source_question import bigrams, chapter_label, label
from kb.quiz import context
from kb.quiz.structure import level_of

FUNCTION_WORDS = {"的", "了", "和", "与", "及", "以及", "或", "或者", "在", "对", "由", "其", "并", "等", "是", "为",
                  "被", "将", "从", "按照", "依照", "根据", "有关", "相关", "其他"}
PAIRS = (("“", "”"), ("（", "）"), ("《", "》"))
# words that force 不得 in a blank: nobody asks whether one "may" 侵占 or 伪造
FORBIDDING = re.compile("任何|禁止|擅自|非法|侵占|破坏|伪造|篡改|变造|虚假|隐瞒|谎报|冒用|买卖|强迫|贿赂|滥用")
# the three bodies of criminal procedure: where a sentence names two, the third often shares the duty
# (宪法第一百三十九条 names 人民法院和人民检察院; 刑事诉讼法第九条 adds 公安机关)
CRIMINAL_PROCEDURE = {"人民法院", "人民检察院", "公安机关"}
SAME_BODY = {"人民检察院": ("检察机关",), "人民法院": ("审判机关",), "公安机关": ("公安",)}
# two-character pieces every department and level shares: they do not point at one option
GENERIC_BIGRAMS = {"人民", "民政", "政府", "部门", "主管", "管部", "机关", "机构", "地方", "县级", "级以", "以上", "上地",
                   "方人", "国务", "务院", "行政", "管理", "理部", "政部", "本法", "规定"}


def echoes(option: str, stem: str) -> int:
    """How many specific two-character pieces of an option the stem repeats."""
    return len((bigrams(option) - GENERIC_BIGRAMS) & bigrams(stem))


def _heads(options: list[str]) -> list[str]:
    """Options without the ending they all share: 工业噪声/社会生活噪声 -> 工业/社会生活."""
    suffix = ""
    while all(len(o) > len(suffix) + 1 for o in options) and len({o[-len(suffix) - 1:] for o in options}) == 1:
        suffix = options[0][-len(suffix) - 1:]
    return [o[: len(o) - len(suffix)] for o in options]


def says_its_own_word(answer: str, options: list[str], stem: str) -> bool:
    """A definition that keeps saying a character only the right term has (沙漠、沙质、流沙、沙土 -> 土地沙化)."""
    others = set("".join(o for o in options if o != answer))
    return any(stem.count(char) >= 2 for char in set(answer) - others)


def gives_away(answer: str, options: list[str], stem: str) -> bool:
    """The stem repeats words of the right option only ("最高（　　）是最高检察机关" -> 人民检察院;
    "本法所称（　　），是指在工业生产活动中产生的…" -> 工业噪声)."""
    heads = dict(zip(options, _heads(options)))
    own = heads.get(answer, "")
    # a one-character head counts when the stem says it twice ("水体…水质…" -> 水污染)
    if (len(own) >= 2 and own in stem or len(own) == 1 and stem.count(own) >= 2) and \
            not any(len(h) >= 2 and h in stem for o, h in heads.items() if o != answer):
        return True
    mine = echoes(answer, stem)
    return mine > 0 and all(echoes(o, stem) < mine for o in options if o != answer)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _common(q: Question) -> list[str]:
    out = []
    if q.type not in TYPES:
        out.append(f"unknown type {q.type}")
    if not q.stem or "\n" in q.stem:
        out.append("empty or multi-line stem")
    if not q.explanation or q.clause.citation() not in q.explanation:
        out.append("explanation lacks the citation")
    if not q.clause.text.strip():
        out.append("no source text")
    body = _body(q)
    if truncated_start(body.lstrip("“")):
        out.append("stem starts mid-word (damaged source text)")
    if q.type in ("single", "fill", "judge", "source"):
        out += context.problems(q, q.meta.get("statement") or q.meta.get("segment") or q.meta.get("quote") or body)
    if re.search("[元日倍年月]下列哪些", q.stem):
        out.append("下列哪些 put in place of an amount's 以下")
    for left, right in PAIRS:
        if q.stem.count(left) != q.stem.count(right):
            out.append(f"unbalanced {left}{right} in stem")
    if len(set(normalize_answer(o) for o in q.options)) != len(q.options):
        out.append("options not distinct")
    if any(not o.strip() for o in q.options):
        out.append("empty option")
    return out


def body_without(q: Question, blank: str) -> str:
    return _body(q).replace(blank, "")


def _body(q: Question) -> str:
    prefix = according(q.clause)
    return q.stem[len(prefix):] if q.stem.startswith(prefix) else q.stem


def _blank_checks(q: Question, blank: str) -> list[str]:
    out = []
    body = _body(q)
    segment, start, answer = q.meta.get("segment", ""), q.meta.get("start", -1), q.answer_text
    if body.count(blank) != 1:
        out.append("stem must hold exactly one blank")
    if segment[start:start + len(answer)] != answer:
        out.append("answer is not at the blank in the source sentence")
    if body.replace(blank, answer) != segment:
        out.append("stem is not the source sentence with the answer blanked")
    if _flat(segment.rstrip("。")) not in _flat(q.clause.focus_text) and \
            _flat(clean_item(segment)) not in _flat(q.clause.focus_text):
        out.append("sentence not found in the source clause")
    if answer in body.replace(blank, ""):
        out.append("stem gives the answer away")
    if answer in FUNCTION_WORDS or len(answer) < 2:
        out.append(f"blank on a function word {answer!r}")
    if q.element == "term" and answer in q.clause.document.display_short_title:
        out.append(f"the term {answer!r} is the law's own name (《行政许可法》: 本法所称______)")
    return out


def _single(q: Question) -> list[str]:
    out = _blank_checks(q, BLANK)
    if len(q.options) != 4:
        out.append("a 单选 needs four options")
    if q.answer not in LETTERS[: len(q.options)] or q.options[LETTERS.index(q.answer)] != q.answer_text:
        return out + ["answer letter does not point at the answer"]
    segment, start, answer = q.meta["segment"], q.meta["start"], q.answer_text
    correct = 0
    for option in q.options:
        filled = segment[:start] + option + segment[start + len(answer):]
        if _flat(filled.rstrip("。")) in _flat(q.clause.text) or option == answer:
            correct += 1
        if option != answer and q.element != "modal" and option in q.clause.text:
            out.append(f"distractor {option!r} appears in the source article")
    if correct != 1:
        out.append(f"{correct} options are true")
    if q.element in ("subject", "term", "party") and gives_away(answer, q.options, body_without(q, BLANK)):
        out.append("the stem repeats words of the right option only, giving it away")
    if q.element == "term" and says_its_own_word(answer, q.options, body_without(q, BLANK)):
        out.append("the definition keeps saying a character only the right term has (沙…沙 -> 土地沙化), giving it away")
    if q.element in ("time", "amount", "multiple", "percent"):
        if any(not same_scale(o, answer) for o in q.options):
            out.append("a wrong number on another scale (二日 against 九十日)")
    if q.element == "liability" and answer in NEAR_LIABILITIES and len(NEAR_LIABILITIES & set(q.options)) > 1:
        out.append("相应的责任 and 按份责任 are both offered: each is defensible for the other")
    if q.element == "subject" and subject_context(segment, start, start + len(answer)):
        out.append(subject_context(segment, start, start + len(answer)))
    if q.element == "subject" and any(narrower_level(answer, o) or narrower_level(o, answer)
                                      for o in q.options if o != answer):
        out.append("a level inside the answer's range (省级 within 县级以上), or a range holding the answer, is also true")
    if q.element in ("subject", "party") and any(o in excluded_departments(answer) for o in q.options if o != answer):
        out.append("a wrong department that shares the duty (野生动物保护 / 林业草原) is defensible")
    if q.element == "modal":
        if not set(q.options) <= set(MODAL_OPTIONS):
            out.append("modal options outside the modal set")
        if answer == "不得" and FORBIDDING.search(segment):
            out.append("the sentence forces 不得 (任何…/擅自…/伪造…), so the blank asks nothing")
    elif q.element != "term":
        kinds = {kind_of(o) for o in q.options}
        if kinds != {q.element}:
            out.append(f"options of mixed kinds {kinds}")
    return out


def _multiple(q: Question) -> list[str]:
    out = []
    items = {clean_item(i) for p in q.clause.paragraphs() if p.index == q.clause.paragraph for i in p.items}
    if not 4 <= len(q.options) <= 5:
        out.append("a 多选 needs four or five options")
    right = [o for o in q.options if o in items]
    if [LETTERS[q.options.index(o)] for o in right] != list(q.answer):
        out.append("answer letters do not match the listed 项")
    if len(right) < 2 or len(q.options) - len(right) < 2:
        out.append("a 多选 needs at least two right and two wrong options (one weak distractor gives it away)")
    from kb.quiz.multiple_choice import same_kind

    for option in q.options:
        if option not in right and items and not same_kind(option, sorted(items)):
            out.append(f"distractor {option!r} is of another kind than the listed 项")
    for option in q.options:
        if option not in items and option in q.clause.text:
            out.append(f"distractor {option!r} is in the source article")
        if option not in items and re.search("本法第|前款", option):
            out.append(f"distractor {option!r} points at another article, so it may be right")
    from kb.quiz.multiple_choice import same_rule

    if any(same_rule(lead, q.meta.get("lead", "")) for lead in q.meta.get("wrong_leads", [])):
        out.append("a wrong option comes from a list with the same rule, so it is right too")
    if "哪些" not in q.stem:
        out.append("stem does not ask which")
    if CROSS_REF.search(q.stem):
        out.append("stem refers to another article (本法第…条) and reads badly on its own")
    return out


def _judge(q: Question) -> list[str]:
    out = []
    statement = q.meta.get("statement", "")
    if q.stem != according(q.clause) + statement:
        out.append("stem is not the statement")
    source = _flat(q.clause.focus_text)
    if is_fragment(statement):
        out.append("a 判断 statement ending in 的 is a fragment, not a statement")
    if q.answer is True:
        if q.change or (_flat(statement.rstrip("。")) not in source and _flat(clean_item(statement)) not in source):
            out.append("a true statement must restate the source")
        return out
    change, segment = q.change or {}, q.meta.get("segment", "")
    at, old, new = change.get("at", -1), change.get("from", ""), change.get("to", "")
    if not old or not new or old == new:
        return out + ["a false statement needs one change"]
    if segment[at:at + len(old)] != old or statement != segment[:at] + new + segment[at + len(old):]:
        out.append("the statement differs from the source in more than the recorded element")
    if _flat(segment.rstrip("。")) not in source and _flat(clean_item(segment)) not in source:
        out.append("changed sentence not from the source clause")
    if _flat(statement.rstrip("。")) in _flat(q.clause.text):
        out.append("the changed statement is still in the source")
    if change.get("kind") != "modal" and new in q.clause.text:
        out.append("the changed value appears in the source article")
    if {old, new} == NEAR_LIABILITIES:
        out.append("相应的责任 and 按份责任 say the same")
    from kb.quiz.true_false import SUPPLEMENTARY, VAGUE_LIABILITY, liable_position

    if change.get("kind") == "liability" and (new == VAGUE_LIABILITY or {old, new} == SUPPLEMENTARY):
        out.append("相应的责任 put for a precise liability (连带责任, 补充责任), or 补充 for 相应, is too vague to read false")
    if change.get("kind") == "party" and not liable_position(segment, at, at + len(old)):
        out.append("a party swapped where it acts rather than answers makes a nonsense statement, not a trap")
    if change.get("kind") == "modal" and (old, new) == ("应当", "可以"):
        out.append("应当 weakened to 可以 still reads as true")
    from kb.quiz.true_false import GENERIC_PARTIES, absurd_permission, offers_choice

    if change.get("kind") == "modal" and (old, new) == ("可以", "应当") and offers_choice(segment, at + len(old)):
        out.append("可以 made 应当 before alternatives (应当减轻或者不承担): a duty to pick one reads true")

    if change.get("kind") == "modal" and new == "可以" and absurd_permission(segment, at, old):
        out.append("不得 turned into 可以 before a wrong everyone knows (可以同宪法相抵触): nobody says 正确")

    if change.get("kind") == "party" and old in GENERIC_PARTIES:
        out.append(f"{old} names anyone in that role: with {new} in its place the statement still holds")
    if change.get("kind") == "subject" and (narrower_level(old, new) or narrower_level(new, old)):
        out.append("the new level lies inside the original range (or its range holds the original level), "
                   "so the changed statement is true")
    if change.get("kind") == "subject" and any(word in segment for word in SAME_BODY.get(new, ())):
        out.append(f"{new} is already in the sentence by another name: the statement is half true, half redundant")
    if change.get("kind") == "subject" and {old, new} <= CRIMINAL_PROCEDURE and \
            any(body in segment for body in CRIMINAL_PROCEDURE - {old, new}):
        out.append("人民法院、人民检察院和公安机关 share their duties in criminal cases: the swapped one may hold too")
    if change.get("kind") in ("subject", "party") and new in excluded_departments(old):
        out.append("the swapped department shares the duty, so the changed statement may be true")
    if change.get("kind") in ("time", "amount", "multiple", "percent") and not same_scale(old, new):
        out.append("a changed number on another scale")
    return out


def _fill(q: Question) -> list[str]:
    out = _blank_checks(q, FILL_BLANK)
    if q.options:
        out.append("a 填空 has no options")
    if q.element == "modal":
        out.append("no fill-in on modal words")
    from kb.quiz.fill_blank import KINDS

    if q.element not in KINDS:
        out.append(f"a blanked {q.element} has no cue in the sentence; fill-ins ask numbers and defined terms")
    if q.element == "term" and echoes(q.answer_text, body_without(q, FILL_BLANK)):
        out.append("the definition repeats words of the term, giving it away (交通运输工具 -> 交通运输噪声)")
    return out


def _source(q: Question) -> list[str]:
    out = []
    if len(q.options) != 4:
        out.append("an 出处 question needs four options")
    right = label(q.clause) if q.element != "chapter" else chapter_label(q.meta.get("path") or ()) or q.answer_text
    book = q.meta.get("book", "")
    if book and right.startswith(book + " "):
        right = right[len(book):].strip()   # the 编 all options share is in the stem
    if q.answer not in LETTERS[: len(q.options)] or q.options[LETTERS.index(q.answer)] != right:
        out.append("answer is not the source article")
    if q.element == "citation" and any((level_of(h) or ("", ""))[1] == "章" for h in q.clause.path):
        out.append("an article number among its neighbours (第十九条? 第一千二百四十三条?) is trivia in a law with 章; "
                   "ask the 章")
    if q.element == "chapter":
        titles = [o.split(" ")[-1] for o in q.options]
        from kb.quiz.source_question import GENERIC_TITLES

        if set(titles) & set(GENERIC_TITLES):
            out.append("a 章 titled 一般规定 says not whose general provisions they are (several 分编 have one)")
        if gives_away(titles[LETTERS.index(q.answer)], titles, q.meta.get("quote", "")):
            out.append("the quoted rule repeats the words of the right chapter title only")
    quote_text = q.meta.get("quote", "").rstrip("。")
    if _flat(quote_text) not in _flat(q.clause.text):
        out.append("quoted text not in the source")
    if any(_flat(quote_text) in _flat(text) for text in q.meta.get("wrong_texts", [])):
        out.append("quoted text also in a wrong option's article")
    return out


def _case(q: Question) -> list[str]:
    from kb.quiz.case_question import parse

    out = []
    if len(q.options) != 4:
        out.append("a 情景 question needs four options")
    text = q.meta.get("paragraph_text", "")
    sanction = parse(text)
    if sanction is None or text not in q.clause.text:
        return out + ["the sanction is not parsed from the source clause"]
    if q.answer not in LETTERS[: len(q.options)] or q.options[LETTERS.index(q.answer)] != sanction.text:
        out.append("the keyed option is not the clause's sanction")
    for parts in q.meta.get("wrong_parts", []):
        if not parts or any(value in text or value == getattr(sanction, key) for key, value in parts.items()):
            out.append(f"a wrong option's changed part {parts} is in the clause, so it may be right")
        if parts.get("agency") in excluded_departments(sanction.agency):
            out.append("a wrong agency shares the duty")
        if parts.get("fine") and not same_scale(parts["fine"], sanction.fine):
            out.append("a wrong fine on another scale")
    body = q.stem
    if sanction.fine in body or sanction.agency in body:
        out.append("the case story names the agency or the fine")
    return out


CHECKS = {"single": _single, "multiple": _multiple, "judge": _judge, "fill": _fill, "source": _source,
          "case": _case}


def problems(q: Question, pool=None) -> list[str]:
    """Everything wrong with a question ([] when it may be shown). With the law's pool, also the checks
    against its other articles (a parallel sentence that makes a wrong option right)."""
    from kb.quiz import parallel, parties

    out = _common(q)
    check = CHECKS.get(q.type)
    if check:
        try:
            out += check(q) + parties.problems(q)
            if pool is not None:
                out += parallel.problems(q, pool) + parties.pool_problems(q, pool)
        except (KeyError, IndexError, TypeError, ValueError) as exc:
            out.append(f"malformed question: {exc}")
    return out


def is_valid(q: Question) -> bool:
    return not problems(q)
