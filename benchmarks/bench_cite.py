"""Legal review (kb.cite): checking a 10-page draft decision (~10k characters, ~50 citations) on
the national corpus, building the old→new concordance, a version diff, and the extraction and
verdict accuracy over the test drafts of tests/cite/drafts.py (on their own small corpus)."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.run import Figure, national_corpus

CITATIONS = [
    "《中华人民共和国行政处罚法》第三十三条第一款", "第二款", "第二十八条", "《中华人民共和国环境保护法》第五十九条",
    "同法第六十三条第（三）项", "前款", "大气法第九十九条第（一）项", "第一百条", "《中华人民共和国水污染防治法》第八十三条第三项",
    "该法第三十九条", "《中华人民共和国生态环境法典》第一千零六十条第一款", "第一千一百零八条", "环保法第9999条",
    "《某某省环境保护条例》第十条", "大气法第十条至第十二条", "《中华人民共和国行政处罚法》第五十一条、第五十二条",
    "固废法第一百一十二条", "《中华人民共和国土壤污染防治法》第八十七条", "噪声法第七十一条", "《中华人民共和国行政强制法》第二十五条",
]
FILLER = ("经查，当事人在生产过程中未按照规定运行污染防治设施，执法人员现场制作了检查笔录并调取了自动监测数据。"
          "当事人在陈述申辩中提出其已及时整改，承办机构经复核认为申辩理由部分成立。")


def ten_page_draft(citations: int = 50) -> str:
    parts = ["某某市生态环境局\n行政处罚决定书\n某环罚〔2026〕88号\n"]
    for index in range(citations):
        parts.append(FILLER * 2 + f"依据{CITATIONS[index % len(CITATIONS)]}的规定，")
    parts.append("\n某某市生态环境局\n二〇二六年九月三日\n")
    return "".join(parts)


def run(context) -> list[Figure]:
    from kb.cite import concordance
    from kb.cite.check import check_text
    from kb.cite.version_diff import diff_law

    corpus = national_corpus(context, indexed=False)
    started = time.perf_counter()
    laws = concordance.load(corpus, rebuild=True)
    build_seconds = time.perf_counter() - started
    corpus.__dict__.pop("concordances", None)
    started = time.perf_counter()
    concordance.load(corpus)
    cache_seconds = time.perf_counter() - started

    draft = ten_page_draft()
    first = time.perf_counter()
    report = check_text(corpus, draft)
    first_seconds = time.perf_counter() - first
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        report = check_text(corpus, draft)
        timings.append(time.perf_counter() - started)
    started = time.perf_counter()
    diff = diff_law(corpus, "宪法", "1982-12-04", "2018-03-11")
    diff_seconds = time.perf_counter() - started

    figures = [
        Figure("check a 10-page draft (median of 5)", round(statistics.median(timings), 3), "s", "< 1 s",
               f"{len(draft)} chars, {len(report.results)} citations, as of {report.as_of}"),
        Figure("first check in a process", round(first_seconds, 3), "s", "", "includes loading law names and the concordance cache"),
        Figure("concordance build (10 statutes → Code)", round(build_seconds, 2), "s", "",
               f"{sum(len(law.pairs) for law in laws)} old articles; cached in the corpus folder"),
        Figure("concordance load from cache", round(cache_seconds, 3), "s"),
        Figure("version diff 宪法 1982→2018", round(diff_seconds, 3), "s", "", str(diff.counts)),
    ]
    figures += accuracy_figures()
    return figures


def accuracy_figures() -> list[Figure]:
    from tests.cite.drafts import DRAFTS, HARD_DRAFTS, REVIEW_DRAFTS, cite_laws, evaluate
    from tests.corpus_builders import build_corpus

    with tempfile.TemporaryDirectory() as tmp:
        corpus = build_corpus(Path(tmp) / "c", cite_laws())
        result = evaluate(corpus, DRAFTS + HARD_DRAFTS + REVIEW_DRAFTS)
    note = f"{result['citations']} citations in the test drafts"
    return [
        Figure("citation extraction, exact span (recall)", round(100 * result["extraction_recall"], 1), "%", "≥ 95 %", note),
        Figure("citation extraction, exact span (precision)", round(100 * result["extraction_precision"], 1), "%", "≥ 95 %", note),
        Figure("verdict accuracy", round(100 * result["verdict_accuracy"], 1), "%", "≥ 95 %", note),
    ]
