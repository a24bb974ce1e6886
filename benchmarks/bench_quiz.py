"""Quiz generation on the national corpus (行政处罚法 + 生态环境法典, in-force versions): a 50-question
paper (25 单选, 10 多选, 15 判断) from a cold start (pools built, clauses read) and warm; 200 questions
of all five types; validation rejects; DOCX and PDF export of the 50-question paper."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.run import Figure, national_corpus

SCOPE_LAWS = ("行政处罚法", "生态环境法典")


def run(context) -> list[Figure]:
    from kb.quiz.export_docx import write_docx
    from kb.quiz.export_pdf import write_pdf
    from kb.quiz.generator import generate
    from kb.quiz.paper import build
    from kb.quiz.scope import Scope

    corpus = national_corpus(context, indexed=False)
    scope = Scope(laws=SCOPE_LAWS)
    corpus.store.clauses(corpus.store.documents()[0].id)   # open the store once
    timings = []
    for seed in range(1, 6):
        started = time.perf_counter()
        result = generate(corpus, scope, 50, "single,multiple,judge", seed=seed)
        timings.append(time.perf_counter() - started)
    started = time.perf_counter()
    big = generate(corpus, scope, 200, "single,multiple,judge,fill,source", seed=20261126)
    big_seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        paper = build(result.questions, "学法测试卷")
        started = time.perf_counter()
        write_docx(paper, Path(folder) / "quiz.docx")
        docx_seconds = time.perf_counter() - started
        started = time.perf_counter()
        write_pdf(paper, Path(folder) / "quiz.pdf")
        pdf_seconds = time.perf_counter() - started
    return [
        Figure("50 questions (25/10/15), first run", round(timings[0], 3), "s", "< 2 s"),
        Figure("50 questions, median of 5 seeds", round(statistics.median(timings), 3), "s", "< 2 s"),
        Figure("200 questions, 5 types", round(big_seconds, 3), "s", "", f"{len(big.questions)} generated"),
        Figure("candidates rejected by validation (200 questions)", big.rejected, "", "0 shown",
               "rejected candidates are regenerated, never shown"),
        Figure("DOCX export, 50 questions", round(docx_seconds, 3), "s"),
        Figure("PDF export, 50 questions", round(pdf_seconds, 3), "s"),
    ]
