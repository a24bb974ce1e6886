"""`lawkb ask`: answer a question with cited clauses (extractive, or checked generative)."""

from __future__ import annotations

import json
import sys
import time

from kb.answer import MODES, answer, searcher_for
from kb.answer.evaluate import Score, read_questions
from kb.corpus import Corpus
from kb.errors import QueryError
from kb.search.searchers import KINDS
from lawkb import add_filter_options, command, filters_from, overrides_from, print_json


DESCRIPTION = ("Answer a question from the laws in force: the 款/项 that answers it with its citation, then "
               "supporting clauses and related articles. When LAWKB_LLM_URL names an OpenAI-compatible chat "
               "endpoint, the answer is written by the model from the retrieved clauses and every citation in it "
               "is checked; otherwise (or when the endpoint fails) the answer is extractive.")
BATCH = ('Batch: --batch FILE.jsonl with lines {"id", "text"[, "relevant"]}; one answer record per line. '
         "With 'relevant' present, --score prints the first-citation accuracy to stderr.")


def register(sub) -> None:
    ask = command(sub, "ask", run_ask, help="answer a question with the clause that answers it and its citation",
                  description=DESCRIPTION, epilog=BATCH)
    ask.add_argument("question", nargs="?", metavar="QUESTION")
    ask.add_argument("--batch", metavar="FILE.jsonl", help="answer every question of a JSON-lines file")
    ask.add_argument("--json", action="store_true", help="print the answer record(s) as JSON")
    add_filter_options(ask, "--as-of", "--law")
    ask.add_argument("--mode", choices=MODES, default="auto",
                     help="auto (default): generative when LAWKB_LLM_URL is set, else extractive")
    ask.add_argument("--kind", choices=KINDS, default="hybrid", help="retrieval kind")
    ask.add_argument("--min-confidence", type=float, metavar="P",
                     help="answer only when the calibrated probability that the cited article is right is at least "
                          "P (default LAWKB_ANSWER_MIN_CONFIDENCE); 0 always answers")
    ask.add_argument("--min-scope", type=float, metavar="P",
                     help="refuse as not a legal question when the calibrated probability that it is one the store "
                          "can answer is below P (default LAWKB_ANSWER_MIN_SCOPE); 0 never refuses on that ground")
    ask.add_argument("--score", action="store_true", help="with --batch: print first-citation accuracy to stderr")


def run_ask(args) -> int:
    if bool(args.question) == bool(args.batch):
        raise QueryError('give either a QUESTION or --batch FILE.jsonl, e.g. lawkb ask "查封扣押最长多久"')
    overrides = overrides_from(args)
    if args.min_confidence is not None:
        if not 0 <= args.min_confidence <= 1:
            raise QueryError(f"--min-confidence {args.min_confidence} is not a probability; use a number from 0 to 1")
        overrides["ANSWER_MIN_CONFIDENCE"] = args.min_confidence
    if args.min_scope is not None:
        if not 0 <= args.min_scope <= 1:
            raise QueryError(f"--min-scope {args.min_scope:g} is not a probability; use a number from 0 to 1")
        overrides["ANSWER_MIN_SCOPE"] = args.min_scope
    corpus = Corpus(overrides=overrides)
    filters = filters_from(corpus, args)
    searcher = searcher_for(corpus, args.kind)
    if args.batch:
        return run_batch(corpus, args, filters, searcher, overrides)
    result = answer(corpus, args.question, filters, searcher, args.mode, overrides)
    if args.json:
        print_json(result.to_record())
    else:
        print_answer(result.to_record())
    return 0


def run_batch(corpus, args, filters, searcher, overrides) -> int:
    questions = read_questions(args.batch)
    score = Score()
    started = time.perf_counter()
    for question in questions:
        record = {"id": question.get("id"),
                  **answer(corpus, question["text"], filters, searcher, args.mode, overrides).to_record()}
        score.add(question, record)
        if args.json:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            first = (record["citations"] or [{}])[0].get(
                "citation", "不像法律问题" if record["out_of_scope"] else "未找到明确的法律依据")
            print(f"{record['id']}\t{first}\t{question['text']}")
    if args.score:
        summary = score.summary()
        summary["ms_per_question"] = round((time.perf_counter() - started) * 1000 / max(len(questions), 1), 1)
        print(json.dumps(summary, ensure_ascii=False), file=sys.stderr)
    return 0


def print_answer(record: dict) -> None:
    print(record["answer"])
    if record["fallback_reason"]:
        print(f"\n（{record['mode']}；生成式回答未采用：{record['fallback_reason']}）")
    bad = [v for v in record["verified"] if not v["ok"]]
    for item in bad:
        print(f"未核实的引用：{item['citation']}（{item['reason']}）")
    if record["supporting"]:
        print("\n相关条款：")
        for hit in record["supporting"]:
            print(f"  {hit['citation']}：{_short(hit['text'])}")
    if record["related"]:
        print("\n相关条文：")
        for hit in record["related"]:
            print(f"  {hit['citation']}")


def _short(text: str, limit: int = 80) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[:limit] + "……"
