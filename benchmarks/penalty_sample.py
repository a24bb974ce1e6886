"""Draw penalty-table rows at random for a hand check (benchmarks/penalty_handcheck.md).

    LAWKB_HOME=... python -m benchmarks.penalty_sample --seed 2027 --code 28 --others 12 [--exclude ids.txt]

Rows of the 生态环境法典 from 第一千一百七十四条 on (the development rows were 第一千零八十五至一千一百七十三条)
and rows of 水法、森林法、长江保护法、黄河保护法 (--laws to change), minus the row ids listed in --exclude
(one per line: rows already looked at). Prints each row with its 款 text, conduct, links, agency and
fines, as the hand check reads them.
"""

from __future__ import annotations

import argparse
import random
import sys

from kb.corpus import Corpus
from kb.penalty.present import base_fine_label, conditional_lines, obligation_label
from kb.penalty.table import load

CODE = "中华人民共和国生态环境法典"
OTHERS = ("中华人民共和国水法", "中华人民共和国森林法", "中华人民共和国长江保护法", "中华人民共和国黄河保护法")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2027)
    parser.add_argument("--code", type=int, default=28)
    parser.add_argument("--others", type=int, default=12)
    parser.add_argument("--laws", nargs="*", default=list(OTHERS))
    parser.add_argument("--exclude")
    args = parser.parse_args(argv)
    corpus = Corpus()
    table = load(corpus)
    seen = set(open(args.exclude, encoding="utf-8").read().split()) if args.exclude else set()
    code = [r for r in table.rows if r["law"] == CODE and r["article"] >= 1174 and r["id"] not in seen]
    others = [r for r in table.rows if r["law"] in args.laws and r["id"] not in seen]
    rng = random.Random(args.seed)
    sample = rng.sample(code, min(args.code, len(code)))
    sample += rng.sample(others, min(args.others + args.code - len(sample), len(others)))
    for number, row in enumerate(sample, 1):
        print(f"### {number}. {row['citation']}  id={row['id']}\n{row['text']}")
        print(f"违法行为：{row['conduct']}\n违反条款：{obligation_label(row)}")
        for ref in row["references"][:1]:
            print(f"   → {corpus.store.clause(ref['clause_id']).focus(ref['paragraph']).focus_text[:160]}")
        print(f"实施机关：{'、'.join(row['agencies']) or '（未写明）'}\n罚款：{base_fine_label(row)}")
        for line in conditional_lines(row):
            print(f"   + {line}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
