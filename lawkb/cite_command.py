"""`lawkb cite check|build`, `lawkb concordance`, `lawkb diff`: legal-review tools (法制审核)."""

from __future__ import annotations

import sys

from ingest.draft import read_draft, read_draft_bytes
from kb.cite import concordance, exports
from kb.cite.builder import build, parse_selection
from kb.cite.check import VERDICT_LABELS, check_draft
from kb.cite.version_diff import diff_law
from lawkb import overrides_from, print_json
from kb.clause import LEVELS
from kb.corpus import Corpus

MARKS = {"ok": "✓", "no_such_article": "✗", "not_in_force": "!", "unknown_law": "?", "ambiguous": "~", "not_binding": "!"}


def register(sub) -> None:
    cite = sub.add_parser("cite", help="check the citations of a draft decision; build citations",
                          description="Legal-review tools for 重大执法决定法制审核.")
    cite_sub = cite.add_subparsers(dest="cite_command", metavar="ACTION")
    check = cite_sub.add_parser(
        "check", help="check every citation in a draft (TXT/DOCX/PDF, or - for stdin)",
        description="Extract every citation of a draft decision and check it as of the document's date: "
                    "--as-of, else the document's own date (审核日期/决定日期/日期： at the top or the end, or "
                    "the 落款 date; dates quoted in the body are not used; with two different dates the "
                    "落款 wins), else today. The first line says which date was used and the line it came from.")
    check.add_argument("file", metavar="FILE|-")
    check.add_argument("--as-of", help="decision date (YYYY-MM-DD or 2026年9月3日)")
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    check.add_argument("--no-text", action="store_true", help="JSON without the extracted text")
    check.add_argument("--level", action="append", default=[], choices=LEVELS,
                       help="only citations of laws of this level (repeatable)")
    check.add_argument("--region", action="append", default=[], metavar="REGION",
                       help="only citations of local law of this region (全国: national texts); repeatable. "
                            "With LAWKB_REGION set, a cited local law of another region is `not_binding`")
    check.set_defaults(handler=run_check)
    build = cite_sub.add_parser("build", help="standard citation of selected clauses",
                                description="Merge selected clauses into one citation: CLAUSE_ID[:PARAGRAPH[:ITEM]] …")
    build.add_argument("selections", nargs="+", metavar="CLAUSE_ID[:P[:I]]")
    build.add_argument("--short", action="store_true", help="short titles (行政处罚法)")
    build.add_argument("--json", action="store_true")
    build.set_defaults(handler=run_build)
    cite.set_defaults(handler=lambda args: cite.print_help() or 2)

    conc = sub.add_parser("concordance", help="old statute → 生态环境法典 article concordance",
                          description="Align every article of a statute the Code repealed to the Code's articles, "
                                      "with confidence and what changed. Cached in the corpus folder.")
    conc.add_argument("law", nargs="?", help="replaced statute (环境保护法, 大气法 …); omit to list them")
    conc.add_argument("--csv", metavar="FILE", help="write the table as CSV")
    conc.add_argument("--docx", metavar="FILE", help="write the table as DOCX")
    conc.add_argument("--json", action="store_true")
    conc.add_argument("--rebuild", action="store_true", help="recompute instead of using the cache")
    conc.set_defaults(handler=run_concordance)

    diff = sub.add_parser("diff", help="differences between two versions of a law",
                          description="Added, removed, changed and renumbered articles between two stored versions.")
    diff.add_argument("law")
    diff.add_argument("--from", dest="from_day", help="version date (or a date: the version then) — default oldest")
    diff.add_argument("--to", dest="to_day", help="version date (or a date) — default newest")
    diff.add_argument("--json", action="store_true")
    diff.add_argument("--all", action="store_true", help="include unchanged articles")
    diff.set_defaults(handler=run_diff)


def run_check(args) -> int:
    corpus = Corpus(overrides=overrides_from(args))
    if args.file == "-":
        # bytes, so a DOCX/PDF piped in is read as one, and empty or binary input is an error (exit 7)
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8")
        draft = read_draft_bytes(data, "<stdin>")
    else:
        draft = read_draft(args.file)
    report = check_draft(corpus, draft, args.as_of, levels=args.level, regions=args.region)
    if args.json:
        print_json(report.to_record(include_text=not args.no_text))
        return 0
    source = {"option": "--as-of", "text": "文书日期", "today": "今天"}[report.as_of_source]
    print(f"{draft.name} ({draft.kind}, {len(draft.text)} 字)  核查日期 {report.as_of}（{source}）")
    if report.as_of_source != "option":
        print(f"    {report.date.note}")
    if not report.results:
        print(report.summary)
        return 0
    for result in report.results:
        record = result.to_record()
        mark = MARKS.get(record["verdict"], "?")
        print(f"{mark} [{record['span'][0]}:{record['span'][1]}] {record['text']} — {VERDICT_LABELS[record['verdict']]}")
        if record["clause"]:
            print(f"    {record['clause']['citation']}：{_short(record['clause']['text'])}")
        if record["message"] != "ok":
            print(f"    {record['message']}")
        if record["suggestion"]:
            print(f"    → 建议改引 {record['suggestion']['citation']}：{_short(record['suggestion']['text'])}")
        amount = record.get("amount")
        if amount and (amount["verdict"] != "not_applicable" or amount.get("stated")):
            print(f"    罚款核对（amount: {amount['verdict']}）：{amount['message']}")
        if record["replacement"]:
            replacement = record["replacement"]
            print(f"    → 改写为：{replacement['sentence']}" + (f"（{replacement['note']}）" if replacement["note"] else ""))
    print(report.summary)
    return 0


def _short(text: str, limit: int = 60) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[:limit] + "…"


def run_build(args) -> int:
    corpus = Corpus(overrides=overrides_from(args))
    built = build(corpus.store, [parse_selection(s) for s in args.selections], short=args.short)
    if args.json:
        print_json(built.to_record())
    else:
        print(built.citation)
        print(built.sentence)
    return 0


def run_concordance(args) -> int:
    corpus = Corpus(overrides=overrides_from(args))
    if not args.law:
        laws = concordance.load(corpus, rebuild=args.rebuild)
        if args.json:
            print_json([{k: v for k, v in law.to_record().items() if k != "pairs"} for law in laws])
        for law in laws if not args.json else ():
            print(f"{law.old_title}（{law.old_version}版，{len(law.pairs)}条）→ {law.new_title}")
        return 0
    if args.rebuild:
        concordance.load(corpus, rebuild=True)
    law = concordance.for_law(corpus, args.law)
    rows = exports.concordance_rows(corpus.store, law)
    if args.csv:
        exports.write_csv(rows, args.csv)
        print(f"wrote {args.csv}", file=sys.stderr)
    if args.docx:
        exports.write_docx(law, rows, args.docx)
        print(f"wrote {args.docx}", file=sys.stderr)
    if args.json:
        print_json(law.to_record())
    elif not (args.csv or args.docx):
        print(f"{law.old_title}（{law.old_version}版）→ {law.new_title}  （置信度 high ≥ 0.6, medium ≥ 0.35）")
        for pair in law.pairs:
            target = pair.new_label or "（无对应条文）"
            print(f"{pair.old_label} → {target}  [{pair.band} {pair.confidence:.2f}]  {'；'.join(pair.changes)}")
    return 0


def run_diff(args) -> int:
    corpus = Corpus(overrides=overrides_from(args))
    diff = diff_law(corpus, args.law, args.from_day, args.to_day)
    if args.json:
        print_json(diff.to_record(include_unchanged=args.all))
        return 0
    counts = diff.counts
    print(f"《{diff.title}》 {diff.old.version_date} → {diff.new.version_date}：新增 {counts['added']}，删除 {counts['removed']}，"
          f"修改 {counts['changed']}，移动 {counts['moved']}，未变 {counts['unchanged']}")
    for change in diff.changes:
        if change.kind == "unchanged" and not args.all:
            continue
        old = change.old.article_label if change.old else "—"
        new = change.new.article_label if change.new else "—"
        print(f"[{change.kind}] {old} → {new}")
        if change.kind in ("changed", "moved"):
            marked = "".join(text if op == "equal" else (f"[-{text}-]" if op == "delete" else f"{{+{text}+}}")
                             for op, text in change.ops)
            print("    " + marked.replace("\n", "\n    "))
        elif change.kind in ("added", "removed"):
            print("    " + (change.new or change.old).text.replace("\n", "\n    "))
    return 0
