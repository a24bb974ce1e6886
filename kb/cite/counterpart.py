"""Looking up the concordance for one cited clause (kb.cite.concordance builds it).

``counterpart``: the Code article for an article (or 款/项) of a statute the Code repealed, with a
note a reviewer can trust — the cited 款/项's own Code article when the article was split, the
split listed for a whole-article citation, the confidence band in the words of its measured
precision, and change notes only where the pair is reliable. ``predecessor``: for a Code article
cited before the Code took effect, the statute article it replaces.
"""

from __future__ import annotations

from kb.cite.changes import bigrams, describe_changes
from kb.cite.concordance import BAND_PRECISION, PART_PRECISION, LawConcordance, load
from kb.clause import Clause, Document, Hit
from kb.numerals import int_to_cn, parse_article_label


def counterpart(corpus, document: Document, clause: Clause,
                laws: list[LawConcordance] | None = None) -> tuple[Hit | None, str] | None:
    """The Code article for an article of a replaced statute, as (hit, note); None if not replaced.
    ``laws``: the concordances when the caller already has them (one load per check)."""
    if not document.repeal_basis or "法典" not in document.repeal_basis:
        return predecessor(corpus, document, clause, laws)
    law = next((l for l in (laws if laws is not None else load(corpus)) if l.old_document_id == document.id), None)
    if law is None:
        return None
    pair = law.pair_for(clause.article, clause.article_suffix)
    if pair is None or pair.new_article is None:
        return None, f"{document.repeal_basis}已废止该法，法典中未找到对应条文，请人工查找"
    store = corpus.store
    new = store.article(law.new_document_id, pair.new_article, pair.new_suffix)
    cited = _part_label(clause)
    part = dict((label, target) for label, target in pair.parts).get(cited) if cited else None
    if part == pair.new_label:
        part = None                      # the cited 款/项 went where the whole article went
    refined = None
    if part is not None:
        number, suffix = parse_article_label(part)
        refined = store.article(law.new_document_id, number, suffix)
    elif clause.paragraph is not None and new is not None and not any(label == cited for label, _ in pair.parts):
        refined = _refine(corpus, law, clause, new)
    if refined is not None and new is not None and refined.id == new.id:
        refined = None
    if refined is not None:
        new = refined
    if new is None:
        return None, "对照表已过期，请重建（lawkb concordance --rebuild）"
    if refined is not None:
        hint = f"（按所引{cited or '款项'}比对；整条对应{pair.new_label}，请人工核对）"
    elif pair.split and clause.paragraph is None:
        hint = ("（该条已分拆：" + "，".join(f"{label}→{target}" for label, target in pair.parts)
                + f"；分款项对应为自动比对，人工核对的样本中{PART_PRECISION[0]}/{PART_PRECISION[1]}正确）")
    else:
        hint = band_hint(pair.band)
    # change notes only where the counterpart is reliable: a high-band pair or an aligned 款/项
    notes = describe_changes(_with_lead(clause), new.text) if part is not None else [] if refined is not None \
        else pair.changes
    changes = f"；变化：{'；'.join(notes)}" if notes else ""
    note = f"该法已由{document.repeal_basis}废止，对应条文为《{law.new_title}》{new.article_label}{hint}{changes}"
    return Hit(new, pair.confidence, "concordance"), note


def _part_label(clause: Clause) -> str | None:
    """The cited 款/项 of a focused clause as the concordance names its parts."""
    if clause.paragraph is None:
        return None
    paragraphs = clause.paragraphs()
    if clause.item is None:
        return f"第{int_to_cn(clause.paragraph)}款"
    item = f"第（{int_to_cn(clause.item)}）项"
    return item if len(paragraphs) == 1 else f"第{int_to_cn(clause.paragraph)}款{item}"


def band_hint(band: str) -> str:
    """What a confidence band means, in the words of its measured precision (see BAND_PRECISION)."""
    if band == "high":
        return ""
    correct, checked = BAND_PRECISION[band]
    share = f"{correct}/{checked}"
    if band == "medium":
        return f"（对应关系置信度中等：人工核对的此类对应中{share}正确，请核对）"
    return f"（对应关系置信度低：人工核对的此类对应中仅{share}正确，请人工查找）"


def _with_lead(clause: Clause) -> str:
    """A cited 项 with the lead-in of its 款 (where the penalty usually is); a 款 as it is."""
    if clause.item is None or clause.paragraph is None:
        return clause.focus_text
    paragraphs = clause.paragraphs()
    if not 1 <= clause.paragraph <= len(paragraphs):
        return clause.focus_text
    return paragraphs[clause.paragraph - 1].text + "\n" + clause.focus_text


def _refine(corpus, law: LawConcordance, clause: Clause, new: Clause) -> Clause | None:
    """For a cited 款/项 of a split-up article: the Code article (same 编) holding most of its text,
    when it holds clearly more of it than the whole-article match does."""
    grams = corpus.cached(("concordance_grams", law.new_document_id), lambda: [
        (c, bigrams(c.text)) for c in corpus.store.clauses(law.new_document_id, kinds=("article",))])
    focus = bigrams(clause.focus_text)
    if len(focus) < 8:
        return None
    current = len(focus & bigrams(new.text)) / len(focus)
    book = new.path[:1]
    best, best_score = None, current
    for candidate, candidate_grams in grams:
        if candidate.path[:1] != book:
            continue
        score = len(focus & candidate_grams) / len(focus)
        if score > best_score:
            best, best_score = candidate, score
    return best if best is not None and best_score >= current + 0.1 and best_score >= 0.4 else None


def predecessor(corpus, document: Document, clause: Clause,
                laws: list[LawConcordance] | None = None) -> tuple[Hit | None, str] | None:
    """For a Code article cited before the Code is in force: the statute article still in force
    that the concordance aligns to it (best confidence), as (hit, note); None if there is none."""
    marker = f"《{document.title}》"
    if not document.effective_date or not any(marker in (d.repeal_basis or "") for d in corpus.store.documents()):
        return None
    best = None
    for law in laws if laws is not None else load(corpus):
        if law.new_document_id != document.id:
            continue
        for pair in law.pairs:
            if (pair.new_article, pair.new_suffix) == (clause.article, clause.article_suffix) and pair.band != "none":
                if best is None or pair.confidence > best[1].confidence:
                    best = (law, pair)
    if best is None:
        return None
    law, pair = best
    old = corpus.store.article(law.old_document_id, pair.old_article, pair.old_suffix)
    if old is None:
        return None
    hint = band_hint(pair.band)
    note = (f"《{document.title}》自{document.effective_date}起施行，此前对应的现行条文为"
            f"《{law.old_title}》{old.article_label}{hint}")
    return Hit(old, pair.confidence, "concordance"), note
