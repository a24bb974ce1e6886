"""Every citation in a draft decision, with back-references resolved to the law they mean.

Built on ``kb.citations.CitationFinder`` (names, abbreviations, 条/款/项, lists, ranges), which
stays as search uses it. On top of it, in text order:

- a law *mention* is any name the finder knows (with or without 《》) or any 《…》 that looks like
  a law (ends 法/条例/规定/办法/细则/解释/决定…, not 决定书/通知书); 《行政处罚决定书》 is not one;
- ``同法/该法/本法/上述法律/该条例…第X条`` means the last law mentioned before it;
- a bare ``第X条`` with no law named also means the last law mentioned (``back_reference``
  "implicit"); with no earlier mention it stays without a law (verdict unknown_law);
- ``前条/同条/该条`` mean the article just cited; ``前款/同款/该款`` its 款 just cited;
  ``第X款`` / ``第（X）项`` standing alone mean that 款/项 of the article just cited
  (``依据第三十三条第一款、第二款`` → 第二款 of 第三十三条).

Spans index into the given text; a back-reference word is part of its citation's span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kb.citations import CitationRef, ITEM, LIST_SEP, NUM, PARAGRAPH, RANGE_SEP, _number as parse, finder_for

BACK_LAW = re.compile(r"(?:同法|该法|本法|此法|上述法律|前述法律|该条例|本条例|同条例|该办法|本办法|该规定|本规定)\s*$")
ALONE = re.compile(
    rf"(?P<w>前条|同条|该条|前款|同款|该款)(?:\s*第\s*(?P<p>{NUM})\s*款)?(?:\s*第\s*[（(]\s*(?P<i>{NUM})\s*[）)]\s*项|\s*第\s*(?P<i3>{NUM})\s*项)?"
    rf"|第\s*(?P<p2>{NUM})\s*款(?:\s*第\s*[（(]?\s*(?P<i2>{NUM})\s*[）)]?\s*项)?"
    rf"|第\s*[（(]\s*(?P<i4>{NUM})\s*[）)]\s*项|(?<![条款])第\s*(?P<i5>{NUM})\s*项")
VERSION_NOTE = re.compile(r"《(?P<name>[^《》\n]{2,80})》\s*[（(][^（）()\n]{0,14}(?:修正|修订|修改|版|文本)[）)]\s*$")
LOOSE_RANGE_END = re.compile(rf"(?P<a>{NUM})\s*条(?!\s*之)")
LOOSE_NEXT = re.compile(rf"\s*(?:、|，|,|和|及|以及|与)\s*(?P<a>{NUM})\s*条(?!\s*之)")
LAW_LIKE = re.compile(r"(?:法|法典|条例|规定|办法|细则|解释|决定|规则|准则|意见)(?:[（(][^）)]*[）)])?$")
NOT_LAW = re.compile(r"(?:决定书|通知书|告知书|意见书|审批表|笔录|报告书|报告表|登记表|申请书)$")


@dataclass(frozen=True)
class Extracted:
    """One citation found in a draft: the ref to resolve, and how its law was found.

    ``ref.law_name`` is the law as named (for a back-reference: the name of the law it refers
    to, or None); ``back_reference`` is the word used (同法, 前款, 第X款, implicit…) or None.
    """

    ref: CitationRef
    back_reference: str | None = None

    @property
    def span(self) -> tuple[int, int]:
        return self.ref.span

    @property
    def text(self) -> str:
        return self.ref.text


def _number(text: str | None) -> int | None:
    return parse(text)


def law_mentions(corpus, text: str) -> list[tuple[int, str]]:
    """(position, name) of every law named in the text, in order."""
    finder = finder_for(corpus)
    mentions = []
    for match in finder.name_pattern.finditer(text):
        name = match.group("b") or match.group("n")
        if match.group("b") is not None:
            name = name.strip()
            if NOT_LAW.search(name) or not (corpus.law_names.resolve(name) or LAW_LIKE.search(name)):
                continue
        mentions.append((match.start(), name))
    return mentions


def _joined(text: str, end: int, start: int) -> bool:
    """Is text[end:start] a list separator (、 和 及 …)?"""
    match = LIST_SEP.match(text, end)
    return bool(match) and match.end() == start


def _last_before(mentions: list[tuple[int, str]], position: int) -> str | None:
    name = None
    for start, candidate in mentions:
        if start >= position:
            break
        name = candidate
    return name


def extract(corpus, text: str) -> list[Extracted]:
    """Every citation in the text, in order, back-references resolved."""
    refs = finder_for(corpus).find(text)
    mentions = law_mentions(corpus, text)
    found: list[Extracted] = []
    for ref in refs:
        if ref.law_name is not None:
            found.append(Extracted(ref))
            continue
        start = ref.span[0]
        note = VERSION_NOTE.search(text, max(0, start - 100), start)
        if note:  # 《大气污染防治法》（2018年修正）第十八条: the finder stops at the parenthesis
            start = note.start()
            found.append(Extracted(replace(ref, span=(start, ref.span[1]), text=text[start:ref.span[1]],
                                           law_name=note.group("name").strip(), bracketed=True)))
            continue
        previous = found[-1] if found else None
        if previous is not None and previous.back_reference and _joined(text, previous.span[1], start):
            found.append(Extracted(replace(ref, law_name=previous.ref.law_name), previous.back_reference))
            continue
        word = BACK_LAW.search(text, max(0, start - 6), start)
        antecedent = _last_before(mentions, start)
        if word:
            start = word.start()
            ref = replace(ref, span=(start, ref.span[1]), text=text[start:ref.span[1]], law_name=antecedent)
            found.append(Extracted(ref, word.group(0).strip()))
        elif antecedent is not None:
            found.append(Extracted(replace(ref, law_name=antecedent), "implicit"))
        else:
            found.append(Extracted(ref))
    found = _loose(text, found)
    covered = [e.span for e in found]
    for match in ALONE.finditer(text):
        if any(a <= match.start() < b for a, b in covered):
            continue
        found.append(_alone(match))
    found.sort(key=lambda e: e.span)
    return _bind_alone(found)


def _loose(text: str, found: list[Extracted]) -> list[Extracted]:
    """Ranges and lists whose later numbers lack 第: 第十条至十二条, 第二十条、二十一条."""
    out: list[Extracted] = []
    starts = {e.span[0] for e in found}
    for extracted in found:
        ref = extracted.ref
        end = ref.span[1]
        if ref.article_end is None and ref.paragraph is None and ref.item is None:
            sep = RANGE_SEP.match(text, end)
            other = LOOSE_RANGE_END.match(text, sep.end()) if sep else None
            if other and _number(other.group("a")):
                end = other.end()
                ref = replace(ref, span=(ref.span[0], end), text=text[ref.span[0]:end],
                              article_end=_number(other.group("a")))
        out.append(Extracted(ref, extracted.back_reference))
        while True:
            more = LOOSE_NEXT.match(text, end)
            if not more or more.start("a") in starts or _number(more.group("a")) is None:
                break
            start, end = more.start("a"), more.end()
            paragraph = item = None
            para = PARAGRAPH.match(text, end)
            if para:
                paragraph, end = _number(para.group("p")), para.end()
            item_match = ITEM.match(text, end)
            if item_match:
                item, end = _number(item_match.group("i")), item_match.end()
            extra = CitationRef((start, end), text[start:end], ref.law_name, _number(more.group("a")),
                                paragraph=paragraph, item=item, bracketed=ref.bracketed)
            out.append(Extracted(extra, extracted.back_reference and "list"))
            ref = extra
    return out


def _alone(match: re.Match) -> Extracted:
    """A 款/项/条 reference with no article of its own: bound to the article before it later."""
    word = match.group("w")
    paragraph = _number(match.group("p") or match.group("p2"))
    item = _number(match.group("i") or match.group("i2") or match.group("i3") or match.group("i4") or match.group("i5"))
    if word:
        kind = word
    elif paragraph is not None:
        kind = "第X款"
    else:
        kind = "第X项"
    ref = CitationRef(match.span(), match.group(0), None, 0, paragraph=paragraph, item=item)
    return Extracted(ref, kind)


def _bind_alone(found: list[Extracted]) -> list[Extracted]:
    """Give each standalone 款/项/条 reference the article (and law) of the citation before it."""
    out: list[Extracted] = []
    last: CitationRef | None = None
    for extracted in found:
        ref = extracted.ref
        if ref.article != 0 or extracted.back_reference not in ("前条", "同条", "该条", "前款", "同款", "该款", "第X款", "第X项"):
            out.append(extracted)
            if ref.law_name is not None:
                last = ref
            continue
        if last is None:
            out.append(Extracted(replace(ref, article=0), extracted.back_reference))
            continue
        kind = extracted.back_reference
        paragraph, item = ref.paragraph, ref.item
        if kind in ("前款", "同款", "该款") and paragraph is None:
            paragraph = last.paragraph
        if kind == "第X项" and paragraph is None:
            paragraph = last.paragraph
        bound = replace(ref, law_name=last.law_name, article=last.article, suffix=last.suffix,
                        paragraph=paragraph, item=item, article_end=None, bracketed=last.bracketed)
        out.append(Extracted(bound, kind))
        last = bound
    return out
