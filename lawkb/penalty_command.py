"""`lawkb penalty` (违法行为 → 法律依据, the penalty table) and `lawkb rules` (the bureau's own
裁量基准 / 免罚清单)."""

from __future__ import annotations

import sys

from lawkb import overrides_from, print_json
from kb.corpus import Corpus
from kb.errors import LawKBError, QueryError
from kb.penalty import exports, lookup
from kb.penalty.present import base_fine_label, conditional_lines, measures_label, obligation_label, per_day_label
from kb.penalty.rules import RuleBook, link, rules_for
from kb.penalty.table import load


def register(sub) -> None:
    penalty = sub.add_parser(
        "penalty", help="penalty table: the rows that sanction a described conduct, or the whole table",
        description="违法行为 → 法律依据. With a description: the matching rows of the penalty table "
                    "(违反条款, 处罚条款, agency, measures, fine range), the 免罚/从轻/减轻 checklist and the "
                    "bureau's own 裁量基准. With --table: the whole 违法行为与法律责任对照表 (laws in force today).")
    penalty.add_argument("description", nargs="?", metavar="DESCRIPTION",
                         help='the conduct in plain words, e.g. "未取得排污许可证排放污染物"')
    penalty.add_argument("--top-k", "-k", type=int, default=5, help="rows to show (default 5)")
    penalty.add_argument("--law", action="append", default=[], metavar="NAME",
                         help="only rows of this law (full title, short title or abbreviation); repeatable")
    penalty.add_argument("--table", action="store_true", help="the whole table (with --law: of those laws)")
    penalty.add_argument("--filter", metavar="WORDS", help="with --table: rows whose conduct or text has every word")
    penalty.add_argument("--csv", metavar="FILE", help="with --table: write the table as CSV")
    penalty.add_argument("--docx", metavar="FILE", help="with --table: write the table as DOCX")
    penalty.add_argument("--rebuild", action="store_true", help="re-parse every 法律责任 clause instead of using the cache")
    penalty.add_argument("--json", action="store_true", help="print JSON")
    penalty.set_defaults(handler=run_penalty)

    rules = sub.add_parser("rules", help="the bureau's own 裁量基准 and 免罚清单 (import, list, remove)",
                           description="Import the bureau's discretion bands and 免罚/从轻/减轻 lists from CSV or DOCX; "
                                       "they are shown beside the statutory range of the rows they link to.")
    rules_sub = rules.add_subparsers(dest="rules_command", metavar="ACTION")
    imp = rules_sub.add_parser("import", help="import a CSV/DOCX table (columns: 类型,违法行为,处罚依据,情形,裁量档次,罚款比例,备注)")
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument("--replace", action="store_true", help="allow a new version with fewer rules than the stored one")
    imp.add_argument("--json", action="store_true")
    imp.set_defaults(handler=run_rules_import)
    lst = rules_sub.add_parser("list", help="imported files and their rules, with the row each links to")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=run_rules_list)
    rem = rules_sub.add_parser("remove", help="remove the rules of one imported file")
    rem.add_argument("name", metavar="FILE_NAME")
    rem.set_defaults(handler=run_rules_remove)
    rules.set_defaults(handler=lambda args: rules.print_help() or 2)


def _laws(corpus, names) -> tuple[str, ...]:
    return tuple(corpus.law_names.titles_for(names)) if names else ()


def run_penalty(args) -> int:
    corpus = Corpus(overrides=overrides_from(args))
    if args.table or args.csv or args.docx:
        return _table(corpus, args)
    if not args.description:
        raise QueryError('give a description of the conduct (lawkb penalty "未取得排污许可证排放污染物") or --table')
    if args.top_k < 1:
        raise QueryError("--top-k must be at least 1")
    if args.rebuild:
        load(corpus, rebuild=True)
    record = lookup(corpus, args.description, top_k=args.top_k, laws=_laws(corpus, args.law))
    if args.json:
        print_json(record)
        return 0
    _print_lookup(record)
    return 0


def _print_lookup(record: dict) -> None:
    if not record["found"]:
        print(record["message"])
    if not record["searched"]:
        print("（未找到检索索引，仅按违法行为文字匹配；运行 lawkb index 后结果更好）", file=sys.stderr)
    for rank, row in enumerate(record["rows"], 1):
        print(f"{rank}. {row['citation']}  [匹配 {row['score']:.2f}]")
        print(f"   违法行为：{row['conduct']}")
        print(f"   违反条款：{obligation_label(row)}")
        print(f"   实施机关：{'、'.join(row['agencies']) or '（条文未写明）'}")
        print(f"   处罚措施：{measures_label(row)}")
        print(f"   罚款：{base_fine_label(row)}")
        for line in conditional_lines(row):
            print(f"   {line}")
        if per_day_label(row):
            print(f"   {per_day_label(row)}")
        for rule in row["bureau_rules"]:
            amount = f"，约 {rule['amount_min']:,}–{rule['amount_max']:,} 元" if rule["amount_min"] is not None else ""
            print(f"   本局{rule['kind']}（{rule['source']} 第{rule['line']}行）：{rule['band'] or ''} "
                  f"{rule['circumstances'] or rule['conduct']} {rule['share_label']}{amount}")
    for law, items in record["checklists"].items():
        if items:
            print(f"\n不予处罚、从轻、减轻（{law}，请逐项核对）：")
            for item in items:
                print(f"   □ {item['effect']}：{item['condition']}（{item['citation']}）")


def _table(corpus, args) -> int:
    table = load(corpus, rebuild=args.rebuild)
    rows = table.filter(list(_laws(corpus, args.law)) or None, args.filter)
    bureau = {row["id"]: rules_for(corpus, table, row["id"]) for row in rows}
    if args.csv:
        exports.write(args.csv, exports.csv_bytes(exports.table_rows(rows, bureau)))
        print(f"wrote {args.csv} ({len(rows)} rows)", file=sys.stderr)
    if args.docx:
        exports.write(args.docx, exports.docx_bytes(exports.table_rows(rows, bureau)))
        print(f"wrote {args.docx} ({len(rows)} rows)", file=sys.stderr)
    if args.json:
        print_json([{**row, "bureau_rules": bureau[row["id"]]} for row in rows])
    elif not (args.csv or args.docx):
        for row in rows:
            print(f"{row['citation']}\t{row['conduct']}\t{base_fine_label(row)}")
        print(f"{len(rows)} row(s)", file=sys.stderr)
    return 0


def run_rules_import(args) -> int:
    from ingest.rule_table import read_rule_file
    corpus = Corpus(overrides=overrides_from(args))
    book = RuleBook(corpus.dir)
    results, failed = [], 0
    for name in args.files:
        try:
            outcome, count = book.import_table(corpus, read_rule_file(name), replace=args.replace)
            results.append({"file": name, "outcome": outcome, "rules": count})
            if not args.json:
                print(f"{name}: {outcome}, {count} rule(s)")
        except LawKBError as exc:   # a bad file is reported and the others still imported
            failed += 1
            results.append({"file": name, "outcome": "failed", "error": str(exc)})
            print(f"lawkb: error: {exc}", file=sys.stderr)
    if args.json:
        print_json(results)
    return 8 if failed else 0


def run_rules_list(args) -> int:
    corpus = Corpus(overrides=overrides_from(args))
    book = RuleBook(corpus.dir)
    rules = book.rules()
    table = load(corpus)
    linked = {id(rule): (row_id, score, how) for row_id, found in link(corpus, table, rules).items()
              for rule, score, how in found}
    records = []
    for rule in rules:
        row_id, score, how = linked.get(id(rule), (None, None, None))
        row = table.by_id.get(row_id) if row_id else None
        records.append({**rule.to_record(), "share_label": rule.share_label, "row": row_id,
                        "row_citation": row["citation"] if row else None, "link": how, "link_score": score})
    if args.json:
        print_json({"sources": book.sources(), "rules": records})
        return 0
    for source in book.sources():
        print(f"{source['name']}: {source['rules']} rule(s), imported {source['imported_at']}")
    for record in records:
        target = f"→ {record['row_citation']} ({record['link']} {record['link_score']})" if record["row"] else "→ (no row found)"
        print(f"  {record['source']}:{record['line']} {record['kind']} {record['band'] or ''} {record['conduct']} {target}")
    return 0


def run_rules_remove(args) -> int:
    corpus = Corpus(overrides=overrides_from(args))
    count = RuleBook(corpus.dir).remove(args.name)
    print(f"removed {args.name} ({count} rule(s))")
    return 0
