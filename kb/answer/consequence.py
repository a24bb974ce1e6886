"""A question about consequences (怎么罚, 罚多少, 承担什么责任) gets the sanction and the duty together.

The answer unit chosen by kb.answer.extractive is either a sanction (a 款/项 of a 法律责任 article)
or a duty. From it:

* **the sanction 款**: when the unit is a 项 (or the lead-in 款) of a 法律责任 article whose fine sits
  in a later 款 of the same article ("有前款第五项、第八项情形之一的，处二十万元以上二百万元以下的罚款"),
  that 款 is added right after it — for 危险废物 handed to an unlicensed firm the fine is in
  生态环境法典第一千一百七十五条第二款, not in 第一款第（五）项;
* **the duty**: the conduct the sanction describes (the text before "的，由…", or the 项) is searched
  (lexical, within the same law) among the articles outside 法律责任/罚则 chapters; the best one is
  added after the sanction when it shares at least ``DUTY_COVERAGE`` of the conduct's words;
* when the chosen unit is the lead-in 款 of a list of sanctioned conducts ("有下列情形之一的"), the
  one 项 the question matches best (a unique best coverage) is cited instead, so that its duty is found;
* when the chosen unit is itself a duty, its text is searched among the 法律责任 articles of its law
  and the sanction found (with its fine 款) goes first, then the duty that sanction names (or the
  chosen duty when none is found).
"""

from __future__ import annotations

import re

from kb.clause import Clause, Hit
from kb.numerals import CN_NUMBER_CHARS, cn_to_int
from kb.penalty.rows import VIOLATION_LEAD
from kb.search import SearchFilters
from kb.search.searchers import get_searcher

PENALTY_PATH = re.compile(r"法律责任|罚则")
FINE = re.compile(r"罚款|处.{0,30}元|拘留|吊销|责令停业|责令关闭")
PREVIOUS = re.compile(rf"有?前(?:款|两款|三款)|本条第[{CN_NUMBER_CHARS}]+款")
ITEM_REF = re.compile(rf"第([{CN_NUMBER_CHARS}]+)项(?:至第([{CN_NUMBER_CHARS}]+)项)?")
CONDUCT_END = re.compile(r"的，(?:由|处|责令|依照|对)")
DUTY_COVERAGE = 0.5     # share of the conduct's words a duty article must hold to be cited
SEARCH_DEPTH = 15


def in_penalty_chapter(clause: Clause) -> bool:
    return any(PENALTY_PATH.search(h) for h in clause.path)


def fine_paragraphs(clause: Clause) -> list[int]:
    """款 numbers of the article that set the fine for the focused 款/项 (none when it sets its own)."""
    paragraphs = clause.paragraphs()
    if clause.paragraph is None or not 1 <= clause.paragraph <= len(paragraphs):
        return []
    own = paragraphs[clause.paragraph - 1]
    own_text = own.items[clause.item - 1] if clause.item and clause.item <= len(own.items) else own.text
    if FINE.search(own_text) and clause.item is None and re.search(r"处.{0,30}元|元以下|倍以", own.text):
        return []
    found = []
    for later in paragraphs[clause.paragraph:]:
        if not (PREVIOUS.search(later.text) and FINE.search(later.text)):
            continue
        refs = _item_refs(later.text)
        if clause.item is None or not refs or clause.item in refs:
            found.append(later.index)
    return found


def _item_refs(text: str) -> set[int]:
    refs: set[int] = set()
    for match in ITEM_REF.finditer(text):
        try:
            start = cn_to_int(match.group(1))
            end = cn_to_int(match.group(2)) if match.group(2) else start
        except ValueError:
            continue
        refs.update(range(start, end + 1))
    return refs


def conduct_text(clause: Clause) -> str:
    """What the sanction punishes: the 项, or the 款 before "的，由…" without "违反本法规定，"."""
    text = clause.focus_text
    if clause.item is not None:
        return re.sub(rf"^[（(][{CN_NUMBER_CHARS}]+[）)]", "", text).strip("；;。 ")
    first = text.split("\n")[0]
    end = CONDUCT_END.search(first)
    conduct = first[:end.start()] if end else first
    return VIOLATION_LEAD.sub("", conduct).strip("，。 ")


def _law_filters(clause: Clause, filters: SearchFilters | None) -> SearchFilters:
    base = filters or SearchFilters()
    return SearchFilters(laws=(clause.law,), as_of=base.as_of)


def find_duty(lexical, word_weights, sanction: Clause, filters: SearchFilters | None) -> Clause | None:
    """The article outside 法律责任 of the sanction's law that sets the duty it enforces."""
    from kb.answer.extractive import coverage

    conduct = conduct_text(sanction)
    if len(conduct) < 4:
        return None
    weights = word_weights.weights(conduct)
    for hit in lexical.search(conduct, SEARCH_DEPTH, _law_filters(sanction, filters)):
        clause = hit.clause.focus(None)
        if in_penalty_chapter(clause) or clause.article == sanction.article:
            continue
        return clause if coverage(weights, clause.text) >= DUTY_COVERAGE else None
    return None


def find_sanction(lexical, word_weights, duty: Clause, filters: SearchFilters | None) -> Clause | None:
    """The 款/项 of a 法律责任 article of the duty's law that punishes breaking it: the unit whose
    conduct shares most words with the duty (either way round, at least ``DUTY_COVERAGE``)."""
    from kb.answer.extractive import coverage

    text = duty.focus_text
    weights = word_weights.weights(text)
    best, best_cov = None, DUTY_COVERAGE
    for hit in lexical.search(text, SEARCH_DEPTH, _law_filters(duty, filters)):
        article = hit.clause.focus(None)
        if not in_penalty_chapter(article):
            continue
        for para in article.paragraphs():
            units = [(article.focus(para.index, i), item) for i, item in enumerate(para.items, 1)] or \
                [(article.focus(para.index), para.text)]
            for unit, unit_words in units:
                conduct = conduct_text(unit)
                cov = max(coverage(weights, unit_words),
                          coverage(word_weights.weights(conduct), text) if len(conduct) >= 4 else 0.0)
                if cov > best_cov:
                    best, best_cov = unit, cov
    return best


def narrowed_to_item(chosen: Clause, units: list[tuple[Clause, float]]) -> Clause:
    """The 项 of the chosen 款 the question matches best, given (unit, coverage of the question) pairs;
    the 款 itself when it has no 项 or no single 项 matches best."""
    if chosen.item is not None:
        return chosen
    items = sorted(((cov, unit) for unit, cov in units if unit.id == chosen.id
                    and unit.paragraph == chosen.paragraph and unit.item is not None), key=lambda x: -x[0])
    if not items or items[0][0] <= 0 or (len(items) > 1 and items[1][0] >= items[0][0]):
        return chosen
    return items[0][1]


def with_fines(sanction: Clause) -> list[Clause]:
    """The sanction unit and the 款 of its article that set its fine."""
    return [sanction] + [sanction.focus(p) for p in fine_paragraphs(sanction)]


def assemble(corpus, chosen: Clause, is_sanction: bool, word_weights, filters: SearchFilters | None = None
             ) -> list[Hit]:
    """Citations for a consequence question, sanction first: [sanction, its fine 款..., duty]."""
    lexical = get_searcher(corpus, "lexical")
    if is_sanction:
        sanction, duty = chosen, find_duty(lexical, word_weights, chosen, filters)
    else:
        sanction = find_sanction(lexical, word_weights, chosen, filters)
        # the duty the sanction names (a whole article) when it is found, else the 款 the question matched
        duty = (find_duty(lexical, word_weights, sanction, filters) if sanction is not None else None) or chosen
    units = with_fines(sanction) if sanction is not None else []
    if duty is not None:
        units.append(duty)
    seen, out = set(), []
    for unit in units:
        key = (unit.id, unit.paragraph, unit.item)
        if key not in seen:
            seen.add(key)
            out.append(Hit(unit, 1.0, match="extractive"))
    return out
