"""Derive repeal dates the source database does not give.

laws.db says a law is 已废止 or 历史版本 but not since when. Two derivations, never a guess:
- a repealing text: an article "本法自2026年8月15日起施行。《中华人民共和国环境保护法》、…同时废止。"
  gives the repeal date (the repealing law's commencement) of each named title;
- a later version of the same title: the older version is superseded on the newer one's
  effective date.
Anything else stays without a repeal date, and ``ClauseStore.status_on`` answers 'unknown'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.clause import IN_FORCE_STATUSES, Document
from kb.store import ClauseStore


@dataclass(frozen=True)
class RepealFact:
    document_id: int
    title: str
    repeal_date: str
    basis: str


COMMENCEMENT = re.compile(r"本(?:法|条例|规定|办法|决定)自(\d{4})年(\d{1,2})月(\d{1,2})日起施行")
FROM_PROMULGATION = re.compile(r"本(?:法|条例|规定|办法|决定)自公布之日起施行")
REPEALED_TITLES = re.compile(r"([^。]*?)同时废止")
TITLE = re.compile(r"《([^》]+)》")


def _commencement(text: str, document: Document) -> str | None:
    match = COMMENCEMENT.search(text)
    if match:
        year, month, day = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    if FROM_PROMULGATION.search(text):
        return document.promulgation_date
    return None


def derive_repeal_facts(store: ClauseStore) -> list[RepealFact]:
    facts: dict[int, RepealFact] = {}
    by_title: dict[str, list[Document]] = {}
    for doc in store.documents():
        by_title.setdefault(doc.title, []).append(doc)
    for clause in store.iter_clauses():
        if "同时废止" not in clause.text:
            continue
        start = _commencement(clause.text, clause.document)
        if not start:
            continue
        for sentence in REPEALED_TITLES.findall(clause.text):
            for title in TITLE.findall(sentence):
                for doc in by_title.get(title, []):
                    if doc.id == clause.document.id or doc.status not in ("已废止", "历史版本"):
                        continue
                    if doc.effective_date and doc.effective_date > start:
                        continue
                    facts[doc.id] = RepealFact(doc.id, title, start, clause.citation())
    for title, docs in by_title.items():
        ordered = store.versions(title)
        for older, newer in zip(ordered, ordered[1:]):
            if older.id in facts:
                continue
            fact = _superseded(older, newer)
            if fact:
                facts[older.id] = fact
    return sorted(facts.values(), key=lambda f: f.document_id)


def _superseded(older: Document, newer: Document) -> RepealFact | None:
    """When a later version of the same title ended the older one, if that can be derived.

    On the newer version's effective date. laws.db often gives a later version the law's first
    effective date; such a date says nothing about when the older version ended, so a version the
    source marks as no longer in force (历史版本, 已废止) then stays unknown. A version still marked in
    force (e.g. an older text imported from files, which state no status) would otherwise stay in
    force beside its successor: it ends when the newer version was published (its effective date
    being unknown or earlier), which the basis says.
    """
    published = newer.version_date or newer.promulgation_date
    if newer.effective_date and newer.effective_date > (older.effective_date or "") \
            and newer.effective_date >= (published or ""):
        return RepealFact(older.id, older.title, newer.effective_date,
                          f"《{older.title}》{newer.version_date or newer.effective_date}版施行")
    if older.status in IN_FORCE_STATUSES and published and published > (older.version_date or ""):
        return RepealFact(older.id, older.title, published, f"《{older.title}》{published}版公布（施行日期不详）")
    return None


def apply_repeal_facts(store: ClauseStore) -> list[RepealFact]:
    """Write derived repeal dates into the store (one transaction); return them."""
    facts = derive_repeal_facts(store)
    known = {f.document_id for f in facts}
    with store.transaction() as conn:
        for fact in facts:
            store.set_repeal(fact.document_id, fact.repeal_date, fact.basis, conn)
        for doc in store.documents():
            if doc.repeal_date and doc.id not in known and doc.repeal_basis and doc.repeal_basis.startswith("《"):
                store.set_repeal(doc.id, None, None, conn)
    return facts
