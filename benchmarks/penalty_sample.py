"""Draw penalty-table rows at random for a hand check (benchmarks/penalty_handcheck.md).

    LAWKB_HOME=... python -m benchmarks.penalty_sample --seed 2027 --code 28 --others 12 [--exclude ids.txt]
        [--code-from 1174] [--laws 水法 森林法 … | --all-laws] [--exclude-labelled benchmarks/penalty_links.tsv --up-to 5]
        [--exclude-articles articles.tsv]

Rows of the 生态环境法典 from article --code-from on (samples 1–4 took 第一千一百七十四条 on; the first
development rows were 第一千零八十五至一千一百七十三条) and rows of the --laws (short titles; default 水法、
森林法、长江保护法、黄河保护法), minus the row ids listed in --exclude (one per line: rows already looked
at). --all-laws takes every law of the table other than the Code instead of --laws (sample 19; the
NPCSC decisions, titles not opening with 中华人民共和国, are no laws; from sample 37 on, the amending acts
刑法修正案（…） are left out too: an item that inserts a 款 into 刑法 is no penalty clause an officer cites); --exclude-articles
leaves out every row of the articles listed in a file (law short title <TAB> article number, one a line: articles
fix work has read). Prints each row with its 款 text, conduct, every obligation link with its text, agency and fines,
as the hand check reads them.
"""

from __future__ import annotations

import argparse
import random
import sys

from kb.corpus import Corpus
from kb.penalty.present import base_fine_label, conditional_lines, obligation_label
from kb.penalty.table import load

CODE = "中华人民共和国生态环境法典"
OTHERS = ("水法", "森林法", "长江保护法", "黄河保护法")


def is_law(title: str) -> bool:
    """A law of the --all-laws pool: not an NPCSC decision (no 中华人民共和国 opening), not an amending act."""
    return title.startswith("中华人民共和国") and "修正案" not in title


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2027)
    parser.add_argument("--code", type=int, default=28)
    parser.add_argument("--others", type=int, default=12)
    parser.add_argument("--laws", nargs="*", default=list(OTHERS))
    parser.add_argument("--exclude")
    parser.add_argument("--code-from", type=int, default=1174)
    parser.add_argument("--exclude-labelled", help="benchmarks/penalty_links.tsv: leave out every row of an article "
                        "with a labelled row (of the samples up to --up-to)")
    parser.add_argument("--up-to", type=int, default=99)
    parser.add_argument("--all-laws", action="store_true", help="every law of the table other than the Code "
                        "(instead of --laws); the NPCSC decisions (修改决定, 关于…的决定) and the amending acts (…修正案…) "
                        "are no laws and are left out")
    parser.add_argument("--exclude-articles", help="a file of law short title <TAB> article number: leave out "
                        "every row of those articles")
    args = parser.parse_args(argv)
    laws = {law if law.startswith("中华人民共和国") else f"中华人民共和国{law}" for law in args.laws}
    corpus = Corpus()
    table = load(corpus)
    seen = set(open(args.exclude, encoding="utf-8").read().split()) if args.exclude else set()
    if args.exclude_labelled:
        articles = set()
        for line in open(args.exclude_labelled, encoding="utf-8"):
            fields = line.rstrip("\n").split("\t")
            if not line.startswith("#") and len(fields) > 6 and fields[6].isdigit() and int(fields[6]) <= args.up_to:
                articles.add((f"中华人民共和国{fields[0]}", int(fields[1])))
        seen |= {r["id"] for r in table.rows if (r["law"], r["article"]) in articles}
    if args.exclude_articles:
        articles = set()
        for line in open(args.exclude_articles, encoding="utf-8"):
            fields = line.rstrip("\n").split("\t")
            if not line.startswith("#") and len(fields) > 1 and fields[1].isdigit():
                law = fields[0] if fields[0].startswith("中华人民共和国") else f"中华人民共和国{fields[0]}"
                articles.add((law, int(fields[1])))
        seen |= {r["id"] for r in table.rows if (r["law"], r["article"]) in articles}
    if args.all_laws:
        laws = {r["law"] for r in table.rows if r["law"] != CODE and is_law(r["law"])}
    code = [r for r in table.rows if r["law"] == CODE and r["article"] >= args.code_from and r["id"] not in seen]
    others = [r for r in table.rows if r["law"] in laws and r["id"] not in seen]
    print(f"drawn from {len(code)} rows of the Code and {len(others)} rows of {len(laws)} other laws\n")
    if args.all_laws or args.exclude_articles:
        print(f"pool: {len(code) + len(others)} rows ({len(code)} of the Code, {len(others)} of "
              f"{len({r['law'] for r in others})} other laws with a row left)\n")
    rng = random.Random(args.seed)
    sample = rng.sample(code, min(args.code, len(code)))
    sample += rng.sample(others, min(args.others + args.code - len(sample), len(others)))
    for number, row in enumerate(sample, 1):
        print(f"### {number}. {row['citation']}  id={row['id']}\n{row['text']}")
        print(f"违法行为：{row['conduct']}\n违反条款：{obligation_label(row)}")
        for ref in row["references"]:
            print(f"   → {ref['label']}：{corpus.store.clause(ref['clause_id']).focus(ref['paragraph']).focus_text[:200]}")
        print(f"实施机关：{'、'.join(row['agencies']) or '（未写明）'}\n罚款：{base_fine_label(row)}")
        for line in conditional_lines(row):
            print(f"   + {line}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
