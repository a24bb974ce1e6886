"""The `lawkb` command: the one layer that wires the library (``kb``), the parsers (``ingest``)
and the web app (``webapp``) together.

Each subcommand lives in its own module here and has ``register(subparsers)``; library errors
become one-line messages and exit codes here. ``kb`` imports neither ``ingest`` nor ``webapp``.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from importlib import import_module

from kb import settings
from kb.clause import LEVELS
from kb.errors import LawKBError
from kb.integrity import ADVICE
from kb.search.query import build_filters

COMMAND_MODULES = [
    "lawkb.ingest_command",
    "lawkb.versions_command",
    "lawkb.search_command",
    "lawkb.serve_command",
    "lawkb.quiz_command",
    "lawkb.cite_command",
    "lawkb.ask_command",
    "lawkb.user_command",
    "lawkb.backup_command",
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
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bars or progress lines")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        import_module(name).register(sub)
    return parser


def command(sub, name: str, handler, help: str, description: str | None = None,
            epilog: str | None = None) -> argparse.ArgumentParser:
    """One subcommand's parser, with the handler that runs it."""
    parser = sub.add_parser(name, help=help, description=description or help, epilog=epilog)
    parser.set_defaults(handler=handler)
    return parser


# The search filters a command may offer: option -> (argparse dest, kb.search.query.build_filters option,
# add_argument keywords). A new filter field is one entry here (and in kb/search/query.py).
FILTER_OPTIONS = {
    "--law": ("law", "laws", dict(action="append", default=[], metavar="NAME",
                                  help="only this law (full title, short title or abbreviation); repeatable")),
    "--level": ("level", "levels", dict(action="append", default=[], choices=LEVELS, help="only this level; repeatable")),
    "--region": ("region", "regions", dict(
        action="append", default=[], metavar="REGION",
        help="only local law of this region (上海, 广东省/广州市; 全国: national texts only; 全部: every region); "
             "repeatable. Without it, another region than LAWKB_REGION's is left out")),
    "--as-of": ("as_of", "as_of", dict(metavar="YYYY-MM-DD", help="the law as it stood on this day (default today)")),
    "--include-repealed": ("include_repealed", "include_repealed", dict(
        action="store_true", help="also repealed, superseded and not-yet-effective versions (in-force ranks first)")),
    "--chapter": ("chapter", "chapter", dict(metavar="TEXT", help="only articles under a 编/章/节 heading containing TEXT")),
}


def add_filter_options(parser: argparse.ArgumentParser, *options: str) -> None:
    """Add some of FILTER_OPTIONS (e.g. "--law", "--as-of") to a command."""
    for option in options:
        _dest, _name, keywords = FILTER_OPTIONS[option]
        parser.add_argument(option, **keywords)


def filters_from(corpus, args: argparse.Namespace):
    """SearchFilters from the filter options the command offers (kb.search.query.build_filters)."""
    given = vars(args)
    return build_filters(corpus, **{name: given[dest] for dest, name, _ in FILTER_OPTIONS.values() if dest in given})


def add_quiet(parser: argparse.ArgumentParser) -> None:
    """-q/--quiet on a subcommand as well (`lawkb ingest -q`), never undoing the global `lawkb -q ingest`."""
    parser.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS,
                        help="no progress bars or progress lines")


def quiet_from(args: argparse.Namespace) -> bool:
    """-q given before or after the subcommand, or LAWKB_QUIET."""
    return bool(args.quiet) or bool(settings.get("QUIET"))


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
    except sqlite3.DatabaseError as exc:  # a store damaged while in use (the check on open passed)
        print(f"lawkb: error: a database of this corpus is damaged ({exc}): {ADVICE}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        print("lawkb: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
