"""`lawkb quiz`: generate a validated quiz (JSON, DOCX or PDF paper); `lawkb quiz records`."""

from __future__ import annotations

import sys

from kb import settings
from kb.clause import LEVELS
from lawkb import add_filter_options, command, overrides_from, print_json
from kb.corpus import Corpus
from kb.errors import QueryError
from kb.quiz.generator import generate
from kb.quiz.paper import parse_points
from kb.quiz.paper_check import paper_warnings
from kb.quiz.question import LETTERS, TYPE_NAMES
from kb.quiz.records import QuizRecords
from kb.quiz.scope import Scope
from kb.search.filters import check_date


def register(sub) -> None:
    quiz = command(
        sub, "quiz", run_quiz, help="generate a law quiz (单选/多选/判断/填空/出处/情景) as text, JSON, DOCX or PDF",
        description="Generate a quiz from laws, a 编/分编/章/节 (by number or title, e.g. 侵权责任编), an article "
                    "range or a topic. Every question is checked against its source clause before it is shown; "
                    "the same --seed gives the same quiz. In-force versions only unless --include-repealed. "
                    "Papers total 100 points unless --points says otherwise.")
    add_filter_options(quiz, "--law")
    quiz.add_argument("--chapter", help="only articles under a 编/分编/章/节: heading text or a title with its level "
                                        "(第五章, 侵权责任编, 大气污染防治)")
    quiz.add_argument("--articles", help="article range, e.g. 30-40 or 63 or 30-35,63")
    quiz.add_argument("--topic", help="only articles about a topic, e.g. 听证 or 查封扣押")
    quiz.add_argument("--level", action="append", default=[], choices=LEVELS,
                      help="only laws of this level, e.g. 部门规章 (repeatable; with no --law: every such law in force)")
    quiz.add_argument("--region", action="append", default=[], metavar="REGION",
                      help="only local law of this region, e.g. 上海 or 广东省/广州市 (repeatable)")
    quiz.add_argument("--count", type=int, default=20,
                      help="number of questions (default 20; at most LAWKB_QUIZ_MAX_COUNT, default 200)")
    quiz.add_argument("--types", help="comma list of single,multiple,judge,fill,source,case "
                                      "(default single,multiple,judge; case = 情景分析题)")
    quiz.add_argument("--points", help="points per question by type for papers, e.g. single=2,multiple=4 "
                                       "(default: chosen so the paper totals 100)")
    quiz.add_argument("--minutes", type=int, help="time allowed, printed on the paper (default about a minute a question)")
    quiz.add_argument("--seed", type=int, default=0, help="random seed (same seed, same quiz)")
    add_filter_options(quiz, "--as-of", "--include-repealed")
    quiz.add_argument("--title", help="paper title (DOCX/PDF)")
    out = quiz.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the quiz as JSON")
    out.add_argument("--docx", metavar="FILE", help="write a Word paper with answer key")
    out.add_argument("--pdf", metavar="FILE", help="write a PDF paper with answer key")
    quiz_sub = quiz.add_subparsers(dest="quiz_command", metavar="SUBCOMMAND")
    records = quiz_sub.add_parser("records", help="quiz sessions held, participants, scores by law and topic")
    records.add_argument("--csv", metavar="FILE", help="write one row per participant, law and topic as CSV")
    records.add_argument("--json", action="store_true", help="print the summary as JSON")
    records.set_defaults(handler=run_records)


def run_quiz(args) -> int:
    corpus = Corpus(overrides=overrides_from(args))
    scope = Scope(laws=tuple(args.law), chapter=args.chapter, articles=args.articles, topic=args.topic,
                  levels=tuple(args.level), regions=tuple(args.region),
                  include_repealed=args.include_repealed, as_of=check_date(args.as_of))
    points = parse_points(args.points)
    if args.minutes is not None and not 1 <= args.minutes <= 600:
        raise QueryError("--minutes must be between 1 and 600")
    limit = settings.get("QUIZ_MAX_COUNT")
    count = args.count
    if count > limit:
        print(f"lawkb: note: --count {count} is more than the limit of {limit} questions per quiz "
              f"(LAWKB_QUIZ_MAX_COUNT); making {limit}", file=sys.stderr)
        count = limit
    result = generate(corpus, scope, count, args.types, seed=args.seed)
    if result.shortfall:
        print(f"lawkb: note: the scope ({scope.describe()}) supports {len(result.questions)} sound questions "
              f"of the {result.requested} asked for", file=sys.stderr)
    for warning in paper_warnings(result.questions):
        print(f"lawkb: warning: {warning.english()}", file=sys.stderr)
    if args.json:
        print_json(result.to_dict())
    elif args.docx or args.pdf:
        from kb.quiz.paper import build

        title = args.title or default_title(result)
        paper = build(result.questions, title, subtitle=f"范围：{scope.describe()}", points=points,
                      minutes=args.minutes)
        if args.docx:
            from kb.quiz.export_docx import write_docx

            path = write_docx(paper, args.docx)
        else:
            from kb.quiz.export_pdf import write_pdf

            path = write_pdf(paper, args.pdf)
        print(f"wrote {path} ({len(result.questions)} questions, {paper.total:g} points)", file=sys.stderr)
    else:
        print_text(result)
    return 0


def default_title(result) -> str:
    laws = result.scope.laws
    if len(laws) == 1:
        return f"《{result.questions[0].clause.document.display_short_title if result.questions else laws[0]}》学法测试卷"
    return "法律知识测试卷"


def print_text(result) -> None:
    current = None
    for number, q in enumerate(result.questions, 1):
        if q.type != current:
            current = q.type
            print(f"\n【{TYPE_NAMES[q.type]}】")
        print(f"{number}. {q.stem}")
        for letter, option in zip(LETTERS, q.options):
            print(f"   {letter}. {option}")
        print(f"   答案：{q.answer_text if q.type == 'fill' else q.answer_letters()}　出处：{q.clause.citation()}")


def run_records(args) -> int:
    corpus = Corpus(overrides=overrides_from(args))
    records = QuizRecords.for_corpus(corpus)
    if args.csv:
        rows = records.write_csv(args.csv)
        print(f"wrote {args.csv} ({rows} rows)", file=sys.stderr)
        return 0
    summary = records.summary()
    if args.json:
        print_json(summary)
        return 0
    print(f"sessions held: {summary['sessions']}  participants: {summary['participants']}  "
          f"practice answers: {summary['practice_answers']}")
    for row in summary["by_law"]:
        print(f"  {row['law']}: {row['correct']}/{row['answered']} correct ({row['rate']:.0%})")
    return 0
