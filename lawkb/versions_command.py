"""`lawkb versions`: every stored text of a law, also those kept out of use, and restoring one."""

from __future__ import annotations

from ingest.pipeline import finish_derived, mark_derived_pending
from ingest.service import rebuild_index
from kb.corpus import Corpus
from kb.errors import NotFoundError
from kb.progress import make_progress
from lawkb import command, overrides_from, print_json

STATE_NAMES = {"active": "in use", "replaced": "replaced (kept)", "conflict": "conflict (kept)"}


def register(sub) -> None:
    versions = command(
        sub, "versions", run_versions, help="list a law's versions, with the texts kept out of use; restore one",
        description="List every version of a law (full title, short title or abbreviation): the versions in use "
                    "and the texts kept out of use — replaced by a later import, or conflicting with the version "
                    "in use. With no LAW: every kept text. --restore ID puts a kept text back in use (the text it "
                    "displaces is kept in turn), which undoes a replacement or settles a conflict.")
    versions.add_argument("law", nargs="?", help="law name; omit to list every kept text")
    versions.add_argument("--restore", type=int, metavar="ID", help="use the kept text with this id")
    versions.add_argument("--no-index", action="store_true", help="do not rebuild the search indexes after --restore")
    versions.add_argument("--json", action="store_true", help="print JSON")


def version_record(store, document, state: str, replaced_by=None) -> dict:
    return {"id": document.id, "title": document.title, "version_date": document.version_date,
            "effective_date": document.effective_date, "status": store.status_on(document) if state == "active" else None,
            "state": state, "replaced_by": replaced_by, "level": document.level, "region": document.region,
            "articles": len(store.clauses(document.id, kinds=("article",))), "source": document.source,
            "parts": store.parts(document.id)}


def run_versions(args) -> int:
    corpus = Corpus(overrides=overrides_from(args))
    store = corpus.store
    if args.restore is not None:
        with store.transaction() as tx:
            outcome = store.restore(args.restore, tx)
            if outcome.outcome == "replaced":
                mark_derived_pending(tx)  # repeal dates follow the version now in use (a kill: the next ingest does it)
        finish_derived(store)
        corpus.refresh()
        if outcome.outcome == "replaced" and not args.no_index:
            rebuild_index(corpus, make_progress(args.quiet))
        if args.json:
            print_json({"outcome": outcome.outcome, "id": outcome.document_id, "title": outcome.title,
                        "detail": outcome.detail})
        else:
            print(f"{outcome.title}: {outcome.detail}")
        return 0
    if args.law:
        titles = corpus.law_names.resolve(args.law) or sorted({d.title for d, _s, _r in store.kept_versions(args.law)})
        if not titles:
            suggestions = "、".join(corpus.law_names.suggest(args.law)) or "none"
            raise NotFoundError(f"no law called {args.law!r} in the store (closest: {suggestions})")
        records = [version_record(store, doc, "active") for title in titles for doc in store.versions(title)]
        records += [version_record(store, doc, state, by) for title in titles
                    for doc, state, by in store.kept_versions(title)]
    else:
        records = [version_record(store, doc, state, by) for doc, state, by in store.kept_versions()]
    records.sort(key=lambda r: (r["title"], r["version_date"] or "", r["state"] != "active", r["id"]))
    if args.json:
        print_json(records)
        return 0
    for r in records:
        state = STATE_NAMES.get(r["state"], r["state"])
        if r["replaced_by"]:
            state += f", {'beside' if r['state'] == 'conflict' else 'by'} #{r['replaced_by']}"
        parts = f", {len(r['parts'])} parts" if r["parts"] else ""
        print(f"#{r['id']}\t{r['title']}\t{r['version_date'] or '-'}\t{state}\t{r['articles']} articles{parts}\t{r['source']}")
    if not records:
        print("no texts kept out of use" if not args.law else "no versions")
    return 0
