"""Small corpora built from code, shared by tests (import from tests.corpus_builders)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kb.clause import Clause, Document
from kb.corpus import Corpus


def make_document(title: str, articles: list[str], **fields) -> tuple[Document, list[Clause]]:
    """A document whose i-th article (1-based) has the given text; '|' in a text splits path headings."""
    document = Document(title=title, **{"level": "法律", "status": "现行有效", "source": "test", **fields})
    clauses = []
    for index, text in enumerate(articles, 1):
        path: tuple[str, ...] = ()
        if "|" in text:
            *headings, text = text.split("|")
            path = tuple(headings)
        clauses.append(Clause(document=document, text=text, article=index, path=path, order=index))
    return document, clauses


SMALL_LAWS = [
    make_document("中华人民共和国行政处罚法", [
        "第一章 总则|为了规范行政处罚的设定和实施，制定本法。",
        "第一章 总则|行政处罚是指行政机关依法对违反行政管理秩序的公民、法人或者其他组织，以减损权益或者增加义务的方式予以惩戒的行为。",
        "第五章 行政处罚的决定|行政机关拟作出下列行政处罚决定，应当告知当事人有要求听证的权利：\n（一）较大数额罚款；\n（二）没收较大数额违法所得；\n（三）降低资质等级、吊销许可证件；\n（四）责令停产停业、责令关闭、限制从业。\n当事人要求听证的，应当在行政机关告知后五日内提出。",
    ], effective_date="2021-07-15", promulgation_date="2021-01-22", version_date="2021-01-22"),
    make_document("中华人民共和国环境保护法", [
        "第一章 总则|为保护和改善环境，防治污染和其他公害，制定本法。",
        "第六章 法律责任|企业事业单位和其他生产经营者违法排放污染物，受到罚款处罚，被责令改正，拒不改正的，可以自责令改正之日的次日起，按照原处罚数额按日连续处罚。",
    ], status="已废止", effective_date="2015-01-01", promulgation_date="2014-04-24", version_date="2014-04-24"),
    make_document("中华人民共和国生态环境法典", [
        "第一编|第一章 基本规定|为了保护和改善生态环境，制定本法。",
        "第一编|第一章 基本规定|企业事业单位和其他生产经营者违法排放、倾倒、处置污染物，受到罚款处罚，被责令改正的，可以自责令改正之日的次日起，按照原罚款数额按日连续处罚。",
        "第三编|第三章 附则|本法自2026年8月15日起施行。《中华人民共和国环境保护法》同时废止。",
    ], effective_date="2026-08-15", promulgation_date="2026-03-12", version_date="2026-03-12"),
]


def build_corpus(directory: Path, laws=SMALL_LAWS) -> Corpus:
    """A corpus in `directory` holding the given (document, clauses) pairs, repeal dates derived."""
    from kb.repeal import apply_repeal_facts

    corpus = Corpus(directory)
    store = corpus.create_store()
    for document, clauses in laws:
        store.add_document(document, clauses)
    apply_repeal_facts(store)
    corpus.refresh()
    return corpus


def downgrade_to_schema_2(path) -> None:
    """Make a store file look like one LawKB wrote before schema 3 (no region, state, replaced_by)."""
    conn = sqlite3.connect(path)
    conn.execute("DROP INDEX IF EXISTS documents_state")
    for column in ("region", "state", "replaced_by"):
        conn.execute(f"ALTER TABLE documents DROP COLUMN {column}")
    conn.execute("UPDATE meta SET value='2' WHERE key='schema_version'")
    conn.commit()
    conn.close()
