"""Scale: the national laws alone, with the LawRefBook collection (../shared/data/lawrefbook, ~150k
articles), and a synthetic ~1M articles (the collection copied six more times under new titles).

For each: import (``ingest_paths``) and index build in one child process (wall and CPU seconds,
peak RSS of the process and of its tokenising workers); then a fresh serving child loads the index
and runs the 832 STARD dev questions: hybrid and dense-only p50/p95, its peak RSS, and hybrid
Recall@10 / MRR@10 (the shipped expansion table is in-sample for them; compare the scenarios with
each other). Then the dense vectors are indexed flat (exact), IVF and HNSW: build seconds, p50/p95
of one search (1 thread), and recall@10 of the approximate search against the exact one (a result
counts when it scores at least the exact 10th best, so duplicated articles tie correctly). The
machine is shared (2 cores; the load average is noted): wall-clock figures are upper bounds, CPU
seconds the work done. Needs ../shared/data; skipped without it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.run import Figure

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
COLLECTION = SHARED / "lawrefbook"
QUESTIONS = SHARED / "stard" / "train.jsonl"
COPIES = 6  # synthetic: the collection six more times -> ~1M articles with the original and the national laws

BUILD = r"""
import json, os, resource, sys, time
from ingest.lawsdb import default_laws_db
from ingest.pipeline import ingest_paths
from kb.corpus import Corpus
from kb.search.index_build import build_indexes
corpus = Corpus(sys.argv[1])
sources = [default_laws_db(), *sys.argv[2:]]
load = [os.getloadavg()[0]]
t, c = time.perf_counter(), time.process_time()
report = ingest_paths(corpus.create_store(), sources)
ingest_s, ingest_cpu = time.perf_counter() - t, time.process_time() - c
corpus.refresh()
t, c = time.perf_counter(), time.process_time()
manifest = build_indexes(corpus)
index_s, index_cpu = time.perf_counter() - t, time.process_time() - c
load.append(os.getloadavg()[0])
children = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"ingest_s": ingest_s, "ingest_cpu": ingest_cpu, "index_s": index_s,
                  "index_cpu": index_cpu + children.ru_utime + children.ru_stime,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "worker_rss_mb": children.ru_maxrss / 1024, "counts": corpus.store.counts(),
                  "failed": len(report.failed), "skipped": len(report.skipped), "timings": manifest["timings"],
                  "dense_index": manifest["dense"]["index_type"], "load": load}))
"""

SERVE = r"""
import json, os, resource, sys, time
import numpy as np
from kb.corpus import Corpus
from kb.search.query import build_filters
from kb.search.searchers import get_searcher
from kb.search.evaluation import hit_key, mean_metrics, percentile, question_metrics
corpus = Corpus(sys.argv[1])
questions = json.loads(sys.stdin.read())
filters = build_filters(corpus)
started = time.perf_counter()
hybrid = get_searcher(corpus, "hybrid")
hybrid.search("环境", 10, filters)
load_s = time.perf_counter() - started
dense = get_searcher(corpus, "dense")
out = {"load_s": load_s, "load": os.getloadavg()[0]}
for name, searcher in (("hybrid", hybrid), ("dense", dense)):
    latencies, per_q = [], []
    for q in questions:
        t = time.perf_counter()
        hits = searcher.search(q["text"], 10, filters)
        latencies.append((time.perf_counter() - t) * 1000)
        per_q.append(question_metrics([hit_key(h.to_record()) for h in hits], {tuple(r) for r in q["relevant"]}))
    out[name] = {"p50": percentile(latencies, 50), "p95": percentile(latencies, 95), "metrics": mean_metrics(per_q)}
out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""

ANN = r"""
import json, sys, time
import numpy as np, faiss
from kb.corpus import Corpus
from kb.search.searchers import get_searcher
from kb.search.vector_index import build_vector_index, configure_search, search, stored_vectors
corpus = Corpus(sys.argv[1])
dense = get_searcher(corpus, "dense").model
vectors = np.array(dense.vectors, dtype=np.float32)
queries = json.loads(sys.stdin.read())
qv = np.vstack([dense.query_vector(q) for q in queries])
faiss.omp_set_num_threads(1)
exact, _ = build_vector_index(vectors, "flat")
truth = [search(exact, q, 10, vectors=vectors) for q in qv]
out = {}
for kind in ("flat", "ivf", "hnsw"):
    faiss.omp_set_num_threads(2)
    t = time.perf_counter()
    index, info = build_vector_index(vectors, kind)
    build_s = time.perf_counter() - t
    configure_search(index)
    faiss.omp_set_num_threads(1)
    held = None if kind != "flat" else vectors
    latencies, recall = [], []
    for q, (_rows, best) in zip(qv, truth):
        t = time.perf_counter()
        _found, scores = search(index, q, 10, vectors=held)
        latencies.append((time.perf_counter() - t) * 1000)
        recall.append(float(np.mean(scores >= best[-1] - 1e-5)) if len(scores) else 0.0)
    out[kind] = {"build_s": build_s, "p50": float(np.percentile(latencies, 50)),
                 "p95": float(np.percentile(latencies, 95)), "recall": float(np.mean(recall)), "info": info}
    del index
print(json.dumps(out))
"""


def _child(script: str, args: list[str], stdin: str | None = None) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LAWKB_QUIET": "1"}
    done = subprocess.run([sys.executable, "-c", script, *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"bench_scale child failed: {done.stderr.strip().splitlines()[-1:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def write_synthetic(folder: Path, copies: int) -> int:
    """The collection `copies` times under new titles (…（合成副本N）); returns the number of files.

    The title is the file's ``# title`` line with the suffix; the file is named by number (with the
    version date of the original name), the folders kept, so level and region come out the same.
    """
    written = 0
    sources = [p for p in sorted(COLLECTION.rglob("*.md")) if p.name != "_index.md" and not p.name.startswith("法律法规模版")]
    for copy in range(1, copies + 1):
        suffix = f"（合成副本{copy}）"
        for number, path in enumerate(sources):
            text = re.sub(r"^(#\s+\S.*?)\s*$", lambda m: m.group(1) + suffix, path.read_text(encoding="utf-8"),
                          count=1, flags=re.M)
            date = re.search(r"\(\d{4}-\d{2}-\d{2}\)$", path.stem)
            target = folder / f"copy{copy}" / path.relative_to(COLLECTION).parent / f"{number:05d}{date.group(0) if date else ''}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written += 1
    return written


def _scenario(name: str, home: Path, sources: list[str], questions: list[dict]) -> list[Figure]:
    corpus_dir = home / name
    build = _child(BUILD, [str(corpus_dir), *sources])
    serve = _child(SERVE, [str(corpus_dir)], json.dumps(questions, ensure_ascii=False))
    ann = _child(ANN, [str(corpus_dir)], json.dumps([q["text"] for q in questions[:300]], ensure_ascii=False))
    articles = build["counts"]["articles"]
    load = f"load average {build['load'][0]:.0f}–{build['load'][1]:.0f} on 2 cores"
    total = build["ingest_s"] + build["index_s"]
    hybrid, dense, hm = serve["hybrid"], serve["dense"], serve["hybrid"]["metrics"]
    target = name != "synthetic"  # the targets are for the real collection (~150k articles)
    figures = [
        Figure(f"{name}: articles", articles, "", "",
               f"{build['counts']['documents']} documents; {build['failed']} failed, {build['skipped']} skipped files"),
        Figure(f"{name}: import + index build", round(total), "s", "≤ 600 s" if target else "",
               f"import {build['ingest_s']:.0f} s ({build['ingest_cpu']:.0f} s CPU), index {build['index_s']:.0f} s "
               f"({build['index_cpu']:.0f} s CPU incl. workers); steps {build['timings']}; {load}"),
        Figure(f"{name}: peak RSS, import + index", round(build["rss_mb"]), "MB", "≤ 3072 MB" if target else "",
               f"each tokenising worker ≤ {build['worker_rss_mb']:.0f} MB; dense index {build['dense_index']}"),
        Figure(f"{name}: hybrid p50 / p95", round(hybrid["p50"], 1), "ms", "≤ 30 ms",
               f"p95 {hybrid['p95']:.1f} ms; {len(questions)} STARD questions, top 10; load avg {serve['load']:.0f}"),
        Figure(f"{name}: dense-only p50 / p95", round(dense["p50"], 1), "ms", "",
               f"p95 {dense['p95']:.1f} ms ({build['dense_index']['type']} index)"),
        Figure(f"{name}: serving peak RSS", round(serve["rss_mb"]), "MB", "", f"index load {serve['load_s']:.1f} s"),
        Figure(f"{name}: hybrid Recall@10 / MRR@10", round(hm["recall@10"], 4), "", "",
               f"MRR@10 {hm['mrr@10']:.4f}; in-sample expansion table — compare scenarios"),
    ]
    for kind, result in ann.items():
        figures.append(Figure(f"{name}: dense {kind} index, p50 of one search", round(result["p50"], 2), "ms", "",
                              f"p95 {result['p95']:.2f} ms; recall@10 vs exact {result['recall']:.4f}; "
                              f"build {result['build_s']:.0f} s; {result['info']}"))
    return figures


def run(context, only: tuple[str, ...] = ()) -> list[Figure]:
    if not COLLECTION.exists() or not QUESTIONS.exists():
        return [Figure("scale", 0, "", "", "skipped: ../shared/data is not present")]
    questions = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    home = Path(context.home) / "scale"
    home.mkdir(parents=True, exist_ok=True)
    figures: list[Figure] = []
    for name in ("national", "collection", "synthetic"):
        if only and name not in only:
            continue
        sources = {"national": [], "collection": [str(COLLECTION)]}.get(name)
        try:
            if sources is None:
                synthetic = home / "synthetic-files"
                started = time.perf_counter()
                files = write_synthetic(synthetic, COPIES)
                figures.append(Figure("synthetic: files written", files, "", "", f"{COPIES} copies of the collection "
                                      f"under new titles, {time.perf_counter() - started:.0f} s"))
                sources = [str(COLLECTION), str(synthetic)]
            found = _scenario(name, home, sources, questions)
        except Exception as exc:  # one scenario failing keeps the others' figures
            found = [Figure(f"{name}: failed", 0, "", "", f"{type(exc).__name__}: {str(exc)[:200]}")]
        for figure in found:  # logged as they come: a long run that dies later keeps them
            print(f"bench_scale: {json.dumps(figure.__dict__, ensure_ascii=False)}", file=sys.stderr, flush=True)
        figures += found
    return figures


if __name__ == "__main__":  # python -m benchmarks.bench_scale [national|collection|synthetic ...]
    import tempfile

    with tempfile.TemporaryDirectory(prefix="lawkb-scale-") as scratch:
        for figure in run(type("Context", (), {"home": Path(scratch)})(), tuple(sys.argv[1:])):
            print(f"| {figure.name} | {figure.value:g} {figure.unit} | {figure.target} | {figure.note} |")
