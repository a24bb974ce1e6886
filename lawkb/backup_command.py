"""`lawkb backup`, `lawkb restore`: online backups of the corpus's databases (safe while serving)."""

from __future__ import annotations

import sys

from ingest.service import rebuild_index
from kb.backup import backup, restore
from kb.corpus import Corpus
from kb.progress import make_progress
from kb.search.index_build import index_status
from lawkb import command, overrides_from, print_json, quiet_from


def register(sub) -> None:
    make = command(
        sub, "backup", run_backup, help="back up the clause store (and users, quiz records) while serving",
        description="Copy store.sqlite, webapp.sqlite and quiz.sqlite with SQLite's online backup API "
                    "(consistent, safe while `lawkb serve` runs) into DEST (default "
                    "<corpus>/backups/backup-<time>/), check every copy and write backup.json.")
    make.add_argument("dest", nargs="?", metavar="DEST", help="new or empty folder for the backup")
    make.add_argument("--json", action="store_true", help="print the backup record as JSON")

    back = command(
        sub, "restore", run_restore, help="restore the clause store from a backup",
        description="Check the backup, keep the current store (a readable one is backed up to "
                    "<corpus>/backups/before-restore-<time>/, a damaged one moved aside as "
                    "store.sqlite.damaged-<time>), copy the backup in with SQLite's backup API (a running "
                    "server sees it on its next request), then bring the search index up to date.")
    back.add_argument("backup", metavar="BACKUP", help="folder made by `lawkb backup` (or a store.sqlite)")
    back.add_argument("--all", action="store_true",
                      help="also restore users (webapp.sqlite) and quiz records (quiz.sqlite) as they were")
    back.add_argument("--no-index", action="store_true", help="do not rebuild the search index")
    back.add_argument("--json", action="store_true", help="print the restore record as JSON")


def run_backup(args) -> int:
    corpus = Corpus(overrides=overrides_from(args))
    report = backup(corpus, args.dest)
    if args.json:
        print_json(report.to_record())
    else:
        files = ", ".join(f"{name} ({size / 1048576:.1f} MiB)" for name, size in report.files.items())
        print(f"backup in {report.folder}: {files}; {report.documents} documents, all copies pass integrity_check")
    return 0


def run_restore(args) -> int:
    corpus = Corpus(overrides=overrides_from(args))
    include = ("store.sqlite", "webapp.sqlite", "quiz.sqlite") if args.all else ("store.sqlite",)
    report = restore(corpus, args.backup, include)
    fresh = Corpus(overrides=overrides_from(args))
    manifest = None
    if not args.no_index:
        if index_status(fresh)[0] != "current":
            manifest = rebuild_index(fresh, progress=make_progress(quiet_from(args)))
    if args.json:
        print_json({**report.to_record(), "index": manifest})
        return 0
    print(f"restored {', '.join(n for n in include if n in report.files)} from {report.folder} "
          f"({report.documents} documents{', made ' + report.created_at if report.created_at else ''})")
    if report.kept:
        print(f"the previous store is kept in {report.kept}", file=sys.stderr)
    return 0
