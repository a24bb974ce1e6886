"""Questions about where an article went: “环保法第六十三条现在对应法典哪一条”.

A question that cites one article of a statute the 生态环境法典 repealed and asks where it is now
(对应/哪一条/第几条/现在/改为/替代/法典里…) is answered from the concordance (kb.cite.concordance),
not by search: the Code article, how sure the mapping is and, for a split article, where each
款/项 went. The reverse — a Code article and 原来/以前/旧法/对应哪部法律 — lists the repealed
statutes' articles aligned to it. Anything else returns None and the normal answer runs.
"""

from __future__ import annotations

import re

from kb.chinese import to_simplified
from kb.citations import CITATION_HINT, finder_for
from kb.clause import Hit

FORWARD = re.compile(r"对应|哪一条|哪条|哪个条|第几条|几条|现在|目前|如今|改为|改成|变为|变成|替代|取代|替换|换成|"
                     r"新法|法典(?:里|中|的|是)|还能(?:引用|用)|怎么引|如何引|废止后|失效后")
BACKWARD = re.compile(r"原来|原先|以前|之前|过去|旧法|原法|来自|源自|对应(?:原|哪部|哪个|以前|旧)")


def route(corpus, question: str, as_of: str | None = None):
    """An Answer from the concordance for a where-is-it-now question, else None."""
    if not CITATION_HINT.search(question) or not (FORWARD.search(question) or BACKWARD.search(question)):
        return None
    text = to_simplified(question)
    refs = [r for r in finder_for(corpus).find(text) if r.law_name and r.article_end is None]
    if len(refs) != 1:
        return None
    ref = refs[0]
    titles = corpus.law_names.resolve(ref.law_name)
    if len(titles) != 1:
        return None
    store = corpus.store
    replaced = [d for d in store.versions(titles[0]) if "法典" in (d.repeal_basis or "")]
    if replaced:
        return _forward(corpus, question, replaced[-1], ref)
    current = store.current_version(titles[0])
    if current is not None and titles[0].endswith("法典") and BACKWARD.search(question):
        return _backward(corpus, question, current, ref)
    if current is not None and "法典" in question and not titles[0].endswith("法典"):
        return _not_replaced(corpus, question, current, ref)
    return None


def _focused(store, document, ref):
    clause = store.article(document.id, ref.article, ref.suffix)
    if clause is None:
        return None
    paragraphs = clause.paragraphs()
    if ref.paragraph is not None and 1 <= ref.paragraph <= len(paragraphs):
        items = paragraphs[ref.paragraph - 1].items
        item = ref.item if ref.item is not None and 1 <= ref.item <= len(items) else None
        return clause.focus(ref.paragraph, item)
    if ref.item is not None:
        for paragraph in paragraphs:
            if 1 <= ref.item <= len(paragraph.items):
                return clause.focus(paragraph.index, ref.item)
    return clause


def _answer(question, text, citations, supporting, found=True):
    from kb.answer import Answer

    verified = [{"citation": h.clause.citation(), "ok": True, "reason": "from the concordance of the clause store"}
                for h in citations]
    return Answer(question, text, citations, supporting, [], "extractive", verified, found, None,
                  1.0 if found else 0.0, ["concordance"])


def _forward(corpus, question, document, ref):
    from kb.cite.counterpart import counterpart

    store = corpus.store
    old = _focused(store, document, ref)
    if old is None:
        count = len(store.clauses(document.id, kinds=("article",)))
        return _answer(question, f"《{document.title}》没有{ref.article_label}（共{count}条），无法查找法典中的对应条文。",
                       [], [], found=False)
    found = counterpart(corpus, document, old)
    old_hit = Hit(old, 1.0, "citation")
    if found is None or found[0] is None:
        note = found[1] if found else "法典中未找到对应条文，请人工查找"
        return _answer(question, f"{old.citation()}：{note}。", [], [old_hit], found=False)
    hit, note = found
    text = (f"{old.citation()}已废止（{document.repeal_basis}，{document.repeal_date}起），"
            f"{note.split('，', 1)[1] if '，' in note else note}。\n\n{hit.clause.citation()}：{hit.clause.text}")
    return _answer(question, text, [hit], [old_hit])


def _not_replaced(corpus, question, document, ref):
    """A statute the Code did not repeal, asked about as if it had been."""
    clause = _focused(corpus.store, document, ref)
    if clause is None:
        return None
    status = corpus.store.status_on(document)
    text = (f"《{document.title}》未被《生态环境法典》废止，{clause.citation()}{'现行有效' if status == '现行有效' else status}，"
            f"仍应引用该条。\n\n{clause.citation()}：{clause.focus_text}")
    return _answer(question, text, [Hit(clause, 1.0, "citation")], [])


def _backward(corpus, question, code, ref):
    from kb.cite.concordance import load

    store = corpus.store
    clause = store.article(code.id, ref.article, ref.suffix)
    if clause is None:
        return None
    rows = []
    for law in load(corpus):
        if law.new_document_id != code.id:
            continue
        for pair in law.pairs:
            if pair.band == "none":
                continue
            targets = {pair.new_label} | {target for _part, target in pair.parts}
            if clause.article_label in targets:
                old = store.article(law.old_document_id, pair.old_article, pair.old_suffix)
                if old is not None:
                    rows.append((pair.confidence, old, pair.band))
    if not rows:
        return _answer(question, f"{clause.citation()}在被法典废止的法律中没有找到对应的原条文（可能为新增条文）。",
                       [Hit(clause, 1.0, "citation")], [], found=False)
    rows.sort(key=lambda row: -row[0])
    listing = "；".join(f"{old.citation()}" + ("" if band == "high" else "（置信度非高，请核对）") for _c, old, band in rows)
    text = f"{clause.citation()}对应被法典废止的原条文：{listing}。"
    return _answer(question, text, [Hit(old, conf, "concordance") for conf, old, _b in rows],
                   [Hit(clause, 1.0, "citation")])
