"""The `lawkb` command: the one layer that wires the library (``kb``), the parsers (``ingest``)
and the web app (``webapp``) together.

Each subcommand lives in its own module here and has ``register(subparsers)``; library errors
become one-line messages and exit codes here. ``kb`` imports neither ``ingest`` nor ``webapp``.
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib import import_module

from kb.errors import LawKBError

COMMAND_MODULES = [
    "lawkb.ingest_command",
    "lawkb.versions_command",
    "lawkb.search_command",
    "lawkb.serve_command",
    "lawkb.quiz_command",
    "lawkb.cite_command",
    "lawkb.ask_command",
    "lawkb.user_command",
    "lawkb.settings_command",
    "lawkb.penalty_command",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lawkb",
        description="LawKB 法规知识库与学法助手: search statutes, check citations, run law quizzes.",
        epilog="Settings come from LAWKB_* environment variables; `lawkb settings` lists them.")
    parser.add_argument("--home", help="data home (overrides LAWKB_HOME)")
    parser.add_argument("--corpus", help="corpus name inside the data home (overrides LAWKB_CORPUS)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        import_module(name).register(sub)
    return parser


def overrides_from(args: argparse.Namespace) -> dict:
    return {"HOME": args.home, "CORPUS": args.corpus}


def print_json(value) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=None if isinstance(value, list) and len(value) > 50 else 2)
    sys.stdout.write("\n")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except LawKBError as exc:
        print(f"lawkb: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("lawkb: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
