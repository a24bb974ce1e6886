"""Quiz generation on the national corpus (行政处罚法 + 生态环境法典, in-force versions): a 50-question
paper (25 单选, 10 多选, 15 判断) from a cold start (pools built, clauses read) and warm; 50 questions of all
six types; 200 questions of all six types; validation rejects; DOCX and PDF export of a 30-question paper
(totals 100 points, font embedded)."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.run import Figure, national_corpus

SCOPE_LAWS = ("行政处罚法", "生态环境法典")
ALL = "single,multiple,judge,fill,source,case"


def run(context) -> list[Figure]:
    from kb.quiz.export_docx import write_docx
    from kb.quiz.export_pdf import write_pdf
    from kb.quiz.generator import generate
    from kb.quiz.paper import build
    from kb.quiz.scope import Scope

    corpus = national_corpus(context, indexed=False)
    scope = Scope(laws=SCOPE_LAWS)
    corpus.store.clauses(corpus.store.documents()[0].id)   # open the store once
    timings, cpu = [], []
    for seed in range(1, 6):
        started, cpu_started = time.perf_counter(), time.process_time()
        generate(corpus, scope, 50, "single,multiple,judge", seed=seed)
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    mixed = []
    for seed in range(1, 4):
        started = time.perf_counter()
        generate(corpus, scope, 50, ALL, seed=seed)
        mixed.append(time.perf_counter() - started)
    started = time.perf_counter()
    big = generate(corpus, scope, 200, ALL, seed=20261126)
    big_seconds = time.perf_counter() - started
    paper_quiz = generate(corpus, scope, 30, "single,multiple,judge,case", seed=7)
    with tempfile.TemporaryDirectory() as folder:
        paper = build(paper_quiz.questions, "学法测试卷")
        started = time.perf_counter()
        write_docx(paper, Path(folder) / "quiz.docx")
        docx_seconds = time.perf_counter() - started
        started = time.perf_counter()
        write_pdf(paper, Path(folder) / "quiz.pdf")
        pdf_seconds = time.perf_counter() - started
    return [
        Figure("50 questions (25/10/15), first run", round(timings[0], 3), "s", "< 2 s"),
        Figure("50 questions, median of 5 seeds", round(statistics.median(timings), 3), "s", "< 2 s"),
        Figure("50 questions, CPU time, median of 5 seeds", round(statistics.median(cpu), 3), "s", "< 2 s",
               "what the wall time is on an idle machine (the shared one runs ~8 jobs on 2 cores)"),
        Figure("50 questions of all six types, median of 3 seeds", round(statistics.median(mixed), 3), "s", "< 2 s"),
        Figure("200 questions, 6 types", round(big_seconds, 3), "s", "", f"{len(big.questions)} generated"),
        Figure("candidates rejected by validation (200 questions)", big.rejected, "", "0 shown",
               "rejected candidates are regenerated, never shown"),
        Figure("30-question paper: total points", paper.total, "points", "100"),
        Figure("DOCX export, 30 questions", round(docx_seconds, 3), "s"),
        Figure("PDF export, 30 questions (font subset embedded)", round(pdf_seconds, 3), "s"),
    ]
