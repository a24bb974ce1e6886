"""`lawkb search` and `lawkb eval`: search the corpus; measure retrieval on a question set."""

from __future__ import annotations

import json
import sys
import time

from kb.corpus import Corpus
from kb.errors import IndexMissingError, QueryError
from kb.search.evaluation import hit_key, load_questions, mean_metrics, percentile, question_metrics
from kb.search.levels import GROUP_LOWER, GROUP_TITLE
from kb.search.query import run_search
from kb.search.searchers import KINDS, get_searcher
from lawkb import add_filter_options, command, filters_from, overrides_from, print_json


def register(sub) -> None:
    search = command(
        sub, "search", search_handler, help="search the laws (keywords, questions or citations such as 环保法第59条)",
        description="Search articles of the laws in force (default) with BM25 + dense retrieval (+ the neural encoder). "
                    "A citation (环保法第59条, 《民法典》第一千一百六十五条第二款) goes straight to that article. "
                    "With regulations, rules or local law loaded, the top-k hits are the national laws and the best "
                    "LAWKB_LEVEL_GROUP lower-level texts follow in a second section (配套法规、规章与地方性法规), "
                    "unless the query names such a text (条例, 办法, a region…): then one mixed ranking.")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--top-k", "-k", type=int, default=None, help="number of hits (default LAWKB_TOP_K, 10)")
    add_filter_options(search, "--law", "--level", "--region", "--as-of", "--include-repealed", "--chapter")
    search.add_argument("--kind", choices=KINDS, default="hybrid",
                        help="hybrid (default): lexical + embedded model + neural encoder fused; lexical: BM25 alone; "
                             "dense: the embedded model alone; neural: the neural encoder alone (encoded articles only)")
    search.add_argument("--json", action="store_true",
                        help="print a JSON array of hit records; each has \"group\": \"main\", or \"lower\" for the "
                             "group of regulations, rules and local law after the national hits")

    ev = command(
        sub, "eval", run_eval, help="measure retrieval on a JSONL question set (Recall@k, MRR@10, nDCG@10, latency)",
        description='Each line: {"id", "text", "relevant": [[law full title, article number], ...]}. '
                    "Relevance is article-level.")
    ev.add_argument("file", metavar="FILE.jsonl")
    ev.add_argument("--kinds", default="lexical,dense,hybrid",
                    help="comma-separated searcher kinds: lexical, dense, neural, hybrid (default lexical,dense,hybrid)")
    ev.add_argument("--top-k", type=int, default=100, help="hits retrieved per question (default 100)")
    ev.add_argument("--run", metavar="RUN.jsonl", help="write the hybrid (or last kind's) hits per question here")
    add_filter_options(ev, "--as-of")
    ev.add_argument("--json", action="store_true", help="print the metrics as JSON")


def search_handler(args) -> int:
    corpus = Corpus(overrides=overrides_from(args))
    filters = filters_from(corpus, args)
    top_k = args.top_k if args.top_k is not None else int(corpus.setting("TOP_K"))
    if top_k < 1:
        raise QueryError("--top-k must be at least 1")
    hits = run_search(corpus, args.query, top_k, filters, kind=args.kind).hits
    if args.json:
        print_json([hit.to_record() for hit in hits])
        return 0
    if not hits:
        print("no matching articles" + ("" if filters.include_repealed else " in force (try --include-repealed)"))
        return 0
    for rank, hit in enumerate(hits, 1):
        record = hit.to_record()
        if hit.group == GROUP_LOWER and (rank == 1 or hits[rank - 2].group != GROUP_LOWER):
            print(f"-- {GROUP_TITLE} (regulations, rules and local law)")
        date = record["effective_date"] or record["promulgation_date"] or ""
        status = record["status"]
        print(f"{rank:>2}. {record['citation']}  [{where(record)}; {status}{', ' + date if date else ''}] "
              f"({record['match']} {record['score']:.3f})")
        if record["path"]:
            print(f"    {' / '.join(record['path'])}")
        text = record["text"].replace("\n", " ")
        print(f"    {text[:160]}{'…' if len(text) > 160 else ''}")
    return 0


def where(record: dict) -> str:
    """Level, issuing body of a rule, region of local law; 'not binding here' for another region's."""
    parts = [record["level"]]
    if record["level"] == "部门规章" and record.get("issuing_body"):
        parts.append(record["issuing_body"])
    if record.get("region"):
        parts.append(record["region"])
    if record.get("binding") is False:
        parts.append("not binding in LAWKB_REGION")
    return " ".join(parts)


def run_eval(args) -> int:
    corpus = Corpus(overrides=overrides_from(args))
    questions = load_questions(args.file)
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    filters = filters_from(corpus, args)
    results = {}
    run_kind = "hybrid" if "hybrid" in kinds else kinds[-1]
    run_out = open(args.run, "w", encoding="utf-8") if args.run else None
    try:
        for kind in kinds:
            try:
                searcher = get_searcher(corpus, kind)
            except IndexMissingError as exc:
                if len(kinds) == 1:
                    raise
                print(f"eval: skipping {kind}: {exc}", file=sys.stderr)
                continue
            run_search(corpus, "环境", 1, filters, searcher)  # warm up
            per_question, latencies = [], []
            for question in questions:
                started = time.perf_counter()
                hits = run_search(corpus, question["text"], args.top_k, filters, searcher).hits
                latencies.append((time.perf_counter() - started) * 1000)
                records = [hit.to_record() for hit in hits]
                per_question.append(question_metrics([hit_key(r) for r in records], question["relevant"]))
                if run_out and kind == run_kind:
                    run_out.write(json.dumps({"id": question["id"], "hits": records}, ensure_ascii=False) + "\n")
            metrics = {name: round(value, 4) for name, value in mean_metrics(per_question).items()}
            metrics["latency_p50_ms"] = round(percentile(latencies, 50), 2)
            metrics["latency_p95_ms"] = round(percentile(latencies, 95), 2)
            metrics["questions"] = len(questions)
            results[kind] = metrics
            print(f"eval: {kind} done", file=sys.stderr)
    finally:
        if run_out:
            run_out.close()
    if args.json:
        print_json(results)
        return 0
    names = ["recall@1", "recall@5", "recall@10", "recall@100", "mrr@10", "ndcg@10", "latency_p50_ms", "latency_p95_ms"]
    print(f"{'kind':<8} " + " ".join(f"{n:>14}" for n in names))
    for kind, metrics in results.items():
        print(f"{kind:<8} " + " ".join(f"{metrics[n]:>14.4g}" for n in names))
    print(f"({len(questions)} questions)")
    return 0
