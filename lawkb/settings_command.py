"""`lawkb settings`: the table of every tunable with its default and current value."""

from __future__ import annotations

import os

from kb import settings
from lawkb import print_json


def register(sub) -> None:
    parser = sub.add_parser("settings", help="list every setting (LAWKB_* variables) with default and help")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--markdown", action="store_true", help="print the Markdown table used in README")
    parser.set_defaults(handler=run)


def markdown_table() -> str:
    lines = ["| setting | default | what |", "|---|---|---|"]
    for row in settings.describe():
        default = "" if row["default"] is None else f"`{row['default']}`"
        lines.append(f"| `{row['name']}` | {default} | {row['help']} |")
    return "\n".join(lines)


def run(args) -> int:
    rows = settings.describe()
    for row in rows:
        row["value"] = os.environ.get(row["name"])
    if args.json:
        print_json(rows)
        return 0
    if args.markdown:
        print(markdown_table())
        return 0
    for row in rows:
        current = f" (set: {row['value']})" if row["value"] else ""
        print(f"{row['name']}  default: {row['default']}{current}\n    {row['help']}")
    return 0
